/**
 * The built-in templates, compiled by `npm run build` instead of on every run.
 *
 * Compiling the templates needs the whole of handlebars (its parser and code generator: ~25 ms to
 * load) and ~15 ms of compiling on the first module rendered; every run that emits pays both. The
 * build writes each template's compiled form into a module beside this one
 * (`templates-compiled.cjs`); a run then loads only handlebars' runtime and instantiates them.
 *
 * Each compiled template carries the hash of the source it was compiled from: if a template was
 * edited since the build, or the module is missing, the run compiles from source as before.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { distDir, templatesDir } from "../paths.js";
import { sha256 } from "../sha256.js";

/** Names of the built-in templates (`module` and its partials), sorted. */
export const BUILT_IN_TEMPLATES: readonly string[] = readdirSync(templatesDir).filter((n) => n.endsWith(".hbs")).map((n) => n.slice(0, -4)).sort();

/** The options every template is compiled with: strict (a missing field fails loudly), no HTML escaping. */
export const TEMPLATE_OPTIONS = { strict: true, noEscape: true } as const;

/**
 * Where the build leaves the compiled templates: beside this module's compiled form. CommonJS, so
 * that they load synchronously, when first needed, also from the CommonJS bundle `codegen` runs.
 */
const COMPILED_PATH = join(distDir, "src", "emit", "templates-compiled.cjs");

/** A template compiled at build time: handlebars' template spec, and the hash of its source. */
export interface CompiledTemplate {
  readonly source: string;
  readonly spec: object;
}

/**
 * The compiled built-in templates (name → spec), if the build left them and every one was
 * compiled from the template as it is now (in `dir`); undefined otherwise.
 */
export function loadCompiledTemplates(dir: string = templatesDir, names: readonly string[] = BUILT_IN_TEMPLATES): ReadonlyMap<string, object> | undefined {
  let compiled: Record<string, CompiledTemplate>;
  try {
    compiled = (createRequire(COMPILED_PATH)(COMPILED_PATH) as { templates: Record<string, CompiledTemplate> }).templates;
  } catch {
    return undefined;
  }
  const specs = new Map<string, object>();
  for (const name of names) {
    const entry = compiled[name];
    if (!entry || entry.source !== sha256(readFileSync(join(dir, `${name}.hbs`), "utf8"))) return undefined;
    specs.set(name, entry.spec);
  }
  return specs;
}

/** Compiles the built-in templates into `templates-compiled.cjs` (run by `npm run build`). */
export async function writeCompiledTemplates(names: readonly string[] = BUILT_IN_TEMPLATES): Promise<string> {
  const { default: Handlebars } = await import("handlebars");
  const entries = names.map((name) => {
    const text = readFileSync(join(templatesDir, `${name}.hbs`), "utf8");
    // precompile() gives the spec as JavaScript source (an object literal with functions).
    return `  ${JSON.stringify(name)}: { source: ${JSON.stringify(sha256(text))}, spec: ${Handlebars.precompile(text, TEMPLATE_OPTIONS)} },`;
  });
  writeFileSync(COMPILED_PATH, `// Written by npm run build (src/emit/templates-precompiled.ts): the built-in templates, compiled.\nexports.templates = {\n${entries.join("\n")}\n};\n`);
  return COMPILED_PATH;
}
