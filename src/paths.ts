import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The package's root directory, found from this module's location so that it works both from the
 * compiled `dist/src/` of a checkout and from an installed package.
 */
function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "templates"))) return dir;
    dir = dirname(dir);
  }
  return resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
}

/** Root of the midl-ts package. */
export const packageRoot = findPackageRoot();
/** Handlebars templates of the emitter. */
export const templatesDir = join(packageRoot, "templates");
/** The built-in base IDL (`oaidl.idl`, `ocidl.idl`, …), searched after every `-I` directory. */
export const builtinIncludeDir = join(packageRoot, "src", "include");
/**
 * The compiled package (`npm run build`). What the build records for the compiler to read at run
 * time (the lookahead table, the compiled templates) and the worker scripts are found from here,
 * not from the reading module's own location: in the bundle that `codegen` runs (`dist/bundle/`),
 * that module is a chunk somewhere else.
 */
export const distDir = join(packageRoot, "dist");
/** Type declarations of the runtime, for verifying generated code. */
export const runtimeTypesEntry = join(distDir, "src", "runtime", "index.d.ts");
