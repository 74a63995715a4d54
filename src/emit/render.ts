import { existsSync, readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type HandlebarsApi from "handlebars";
import type { IrDeclaration, IrFile } from "../model/ir.js";
import { templatesDir } from "../paths.js";
import { registerFlatEach } from "./flat-each.js";
import { BUILT_IN_TEMPLATES, loadCompiledTemplates, TEMPLATE_OPTIONS } from "./templates-precompiled.js";
import type { ModuleView } from "./view-model.js";

type Template = (view: ModuleView) => string;
type Spec = Parameters<typeof HandlebarsApi.template>[0];

/** A user template that adds an output: `<module>.<suffix>` per IDL file, rendered from the IR. */
export interface ExtraTemplate {
  /** The output name after the module name, e.g. `summary.md` for `summary.md.hbs`. */
  readonly suffix: string;
  readonly render: (context: ExtraContext) => string;
}

/** What an extra template sees: the IR file, its declarations flattened (libraries opened), and names. */
export interface ExtraContext {
  readonly ir: IrFile;
  readonly declarations: readonly IrDeclaration[];
  readonly module: string;
  readonly source: string;
}

interface TemplateSet {
  readonly module: Template;
  readonly extras: readonly ExtraTemplate[];
}

const sets = new Map<string, TemplateSet>();
const BUILT_IN = new Set(BUILT_IN_TEMPLATES);
// handlebars is CommonJS: required where needed, so that a run with the compiled templates loads
// only its runtime, and the compiler only for templates it must compile.
const require = createRequire(import.meta.url);
/** The built-in templates as `npm run build` compiled them (undefined if stale or missing), loaded when first needed. */
let compiled: ReadonlyMap<string, object> | undefined | null = null;

function handlebars(runtimeOnly: boolean): typeof HandlebarsApi {
  const hb = (runtimeOnly ? require("handlebars/runtime") : require("handlebars")) as typeof HandlebarsApi;
  const env = hb.create();
  registerFlatEach(env);
  env.registerHelper("json", (value: unknown) => JSON.stringify(value));
  env.registerHelper("eq", (a: unknown, b: unknown) => a === b);
  return env;
}

/**
 * The module template with its partials, compiled once per process (per user directory when
 * `--templates` is given). A user's `module.hbs`, `interface.hbs` or `stub.hbs` replaces the built-in
 * one and gets the same view model; any other `NAME.hbs` becomes an extra output `<module>.NAME`,
 * rendered from the file's IR (the documented JSON IR; see src/model/ir.schema.json). Handlebars runs
 * in strict mode so that a field the data does not have fails loudly instead of printing nothing.
 */
function templateSet(userDir: string | undefined): TemplateSet {
  // Keyed by the directory's contents, so an edited template (in watch mode) is compiled again.
  const key = userDir ? `${userDir}\u0000${readdirSync(userDir).sort().map((n) => `${n}:${readFileSync(join(userDir, n), "utf8")}`).join("\u0000")}` : "";
  const cached = sets.get(key);
  if (cached) return cached;
  if (compiled === null) compiled = loadCompiledTemplates();
  if (!userDir && compiled) {
    const hb = handlebars(true);
    for (const [name, spec] of compiled) if (name !== "module") hb.registerPartial(name, hb.template(spec as Spec));
    const template = hb.template<ModuleView>(compiled.get("module") as Spec);
    const set = { module: (view: ModuleView) => template(view), extras: [] };
    sets.set(key, set);
    return set;
  }
  const hb = handlebars(false);
  const source = (name: string) => {
    const user = userDir ? join(userDir, `${name}.hbs`) : undefined;
    return readFileSync(user && existsSync(user) ? user : join(templatesDir, `${name}.hbs`), "utf8");
  };
  for (const name of [...BUILT_IN].sort()) if (name !== "module") hb.registerPartial(name, source(name));
  const template = hb.compile<ModuleView>(source("module"), TEMPLATE_OPTIONS);
  const extras: ExtraTemplate[] = [];
  if (userDir) {
    for (const file of readdirSync(userDir).sort()) {
      if (!file.endsWith(".hbs") || BUILT_IN.has(file.slice(0, -4))) continue;
      const t = hb.compile(readFileSync(join(userDir, file), "utf8"), TEMPLATE_OPTIONS);
      extras.push({ suffix: file.slice(0, -4), render: (ctx) => t(ctx) });
    }
  }
  const set = { module: (view: ModuleView) => template(view), extras };
  sets.set(key, set);
  return set;
}

/** Renders a module's view model to TypeScript text (unformatted, but already close to prettier's style). */
export function renderModule(view: ModuleView, userTemplates?: string): string {
  return templateSet(userTemplates).module(view);
}

/**
 * Whether modules are rendered by the built-in templates only (a user directory may add extra
 * outputs without replacing any): their text is then laid out without prettier (see
 * `GeneratedFormatter`).
 */
export function rendersWithBuiltInTemplates(userTemplates: string | undefined): boolean {
  return !userTemplates || ![...BUILT_IN].some((name) => existsSync(join(userTemplates, `${name}.hbs`)));
}

/** The extra output templates of a user template directory. */
export function extraTemplates(userTemplates: string): readonly ExtraTemplate[] {
  return templateSet(userTemplates).extras;
}
