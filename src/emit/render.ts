import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Handlebars from "handlebars";
import type { IrDeclaration, IrFile } from "../model/ir.js";
import { templatesDir } from "../paths.js";
import type { ModuleView } from "./view-model.js";

type Template = (view: ModuleView) => string;

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
const BUILT_IN = new Set(readdirSync(templatesDir).filter((n) => n.endsWith(".hbs")).map((n) => n.slice(0, -4)));

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
  const hb = Handlebars.create();
  hb.registerHelper("json", (value: unknown) => JSON.stringify(value));
  hb.registerHelper("eq", (a: unknown, b: unknown) => a === b);
  const source = (name: string) => {
    const user = userDir ? join(userDir, `${name}.hbs`) : undefined;
    return readFileSync(user && existsSync(user) ? user : join(templatesDir, `${name}.hbs`), "utf8");
  };
  for (const name of [...BUILT_IN].sort()) if (name !== "module") hb.registerPartial(name, source(name));
  const template = hb.compile<ModuleView>(source("module"), { strict: true, noEscape: true });
  const extras: ExtraTemplate[] = [];
  if (userDir) {
    for (const file of readdirSync(userDir).sort()) {
      if (!file.endsWith(".hbs") || BUILT_IN.has(file.slice(0, -4))) continue;
      const t = hb.compile(readFileSync(join(userDir, file), "utf8"), { strict: true, noEscape: true });
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
