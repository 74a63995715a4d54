/**
 * Path handling for `#include`. Paths are strings built here and handed to the host: `/`-separated,
 * with `.` and `..` segments resolved, so that one file reached through different spellings gets one
 * cache entry and include cycles are recognized.
 */

/** True for `/x`, `\x`, `C:/x` and `C:\x`. */
export function isAbsolutePath(path: string): boolean {
  return /^(?:[\\/]|[A-Za-z]:[\\/])/.test(path);
}

/** The directory part of a path (`""` for a bare file name). */
export function directoryOf(path: string): string {
  const slash = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  if (slash < 0) return "";
  return slash === 0 ? "/" : path.slice(0, slash);
}

/** `name` resolved against directory `dir` (ignored when `name` is absolute), normalized. */
export function joinPath(dir: string, name: string): string {
  if (isAbsolutePath(name) || dir === "") return normalizePath(name);
  return normalizePath(dir.endsWith("/") || dir.endsWith("\\") ? dir + name : `${dir}/${name}`);
}

/** Uses `/` separators and resolves `.` and `..` segments (leading `..` of a relative path are kept). */
export function normalizePath(path: string): string {
  const unified = path.replace(/\\/g, "/");
  const absolute = unified.startsWith("/");
  const segments: string[] = [];
  for (const segment of unified.split("/")) {
    if (segment === "" || segment === ".") continue;
    const last = segments[segments.length - 1];
    if (segment === ".." && last !== undefined && last !== ".." && !/^[A-Za-z]:$/.test(last)) segments.pop();
    else if (segment === ".." && absolute && segments.length === 0) continue;
    else segments.push(segment);
  }
  const joined = segments.join("/");
  return absolute ? `/${joined}` : joined === "" ? "." : joined;
}
