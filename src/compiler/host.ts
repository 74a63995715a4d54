import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, basename, join, parse } from "node:path";

/** A file's version as cheaply known: size, modification time and inode, with the time on its own. */
export interface FileStamp {
  readonly id: string;
  readonly mtimeMs: number;
}

/** File access of the compiler, injectable so that the API can compile in memory and tests can fake I/O. */
export interface CompilerHost {
  /** The decoded text of a file, or undefined when it does not exist or is not a file. */
  readFile(path: string): string | undefined;
  /**
   * The path of the file as it is on disk, or undefined when there is none. Hosts that resolve names
   * case-insensitively (as MIDL does) return the real spelling, so that one file imported under two
   * spellings is still one file. Without it, paths are taken as given.
   */
  realPath?(path: string): string | undefined;
  /**
   * The file's version as cheaply known (size and modification time, no read), null when there is
   * no such file. Lets the cache skip reading unchanged files; without it, they are read and hashed.
   */
  stamp?(path: string): FileStamp | null;
}

/**
 * A host on the real file system. MIDL resolves `import` and `#include` names case-insensitively
 * (SDK files say `import "ObjIdl.Idl"` for objidl.idl), so this host does too, on any file system:
 * each path segment that does not exist as written is matched against the directory's entries
 * ignoring case — the exact spelling first, else the first match in code-unit order, so the choice
 * is deterministic even where `a.idl` and `A.idl` both exist. Directory listings are cached per host.
 */
export function createNodeHost(): CompilerHost {
  const listings = new Map<string, readonly string[] | null>();
  const resolved = new Map<string, string | undefined>();

  const list = (dir: string): readonly string[] | null => {
    let entries = listings.get(dir);
    if (entries === undefined) {
      try {
        entries = readdirSync(dir).sort();
      } catch {
        entries = null;
      }
      listings.set(dir, entries);
    }
    return entries;
  };

  const exists = (path: string): boolean => {
    try {
      statSync(path);
      return true;
    } catch {
      return false;
    }
  };

  const realPath = (path: string): string | undefined => {
    if (resolved.has(path)) return resolved.get(path);
    let result: string | undefined;
    if (exists(path)) result = path;
    else {
      const parent = dirname(path);
      const name = basename(path);
      const root = parse(path).root;
      const realParent = parent === path || parent === root ? parent : realPath(parent);
      if (realParent !== undefined) {
        const entries = list(realParent) ?? [];
        const lower = name.toLowerCase();
        const match = entries.includes(name) ? name : entries.find((e) => e.toLowerCase() === lower);
        if (match !== undefined) result = join(realParent, match);
      }
    }
    resolved.set(path, result);
    return result;
  };

  return {
    realPath,
    stamp(path) {
      const real = realPath(path);
      if (real === undefined) return null;
      try {
        const st = statSync(real, { bigint: true });
        if (!st.isFile()) return null;
        return { id: `${st.size}:${st.mtimeNs}:${st.ino}`, mtimeMs: Number(st.mtimeMs) };
      } catch {
        return null;
      }
    },
    readFile(path) {
      const real = realPath(path);
      if (real === undefined) return undefined;
      try {
        if (!statSync(real).isFile()) return undefined;
        return decodeSource(readFileSync(real));
      } catch {
        return undefined;
      }
    },
  };
}

const utf8 = new TextDecoder("utf-8", { fatal: false });
const utf16le = new TextDecoder("utf-16le");
const utf16be = new TextDecoder("utf-16be");

/**
 * Source bytes to text. Older SDK IDL is UTF-16 with a byte order mark; everything else is read as
 * UTF-8 (a UTF-8 BOM is dropped). Invalid UTF-8 becomes U+FFFD, which the parser reports at its place
 * (MTS2003) rather than guessing an encoding.
 */
export function decodeSource(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16le.decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16be.decode(bytes.subarray(2));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8.decode(bytes.subarray(3));
  return utf8.decode(bytes);
}

/** A shared real-file-system host, for callers that do not need fresh directory caches. */
export const nodeHost: CompilerHost = createNodeHost();
