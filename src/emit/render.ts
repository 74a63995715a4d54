import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Handlebars from "handlebars";
import { templatesDir } from "../paths.js";
import type { ModuleView } from "./view-model.js";

type Template = (view: ModuleView) => string;

let compiled: Template | undefined;

/**
 * The module template, compiled once per process with its partials. Handlebars runs in strict mode
 * so a template naming a field the view model does not have fails loudly instead of printing nothing.
 */
function moduleTemplate(): Template {
  if (compiled) return compiled;
  const hb = Handlebars.create();
  for (const name of readdirSync(templatesDir).sort()) {
    if (!name.endsWith(".hbs") || name === "module.hbs") continue;
    hb.registerPartial(name.slice(0, -4), readFileSync(join(templatesDir, name), "utf8"));
  }
  const template = hb.compile<ModuleView>(readFileSync(join(templatesDir, "module.hbs"), "utf8"), { strict: true, noEscape: true });
  compiled = (view) => template(view);
  return compiled;
}

/** Renders a module's view model to TypeScript text (unformatted, but already close to prettier's style). */
export function renderModule(view: ModuleView): string {
  return moduleTemplate()(view);
}
