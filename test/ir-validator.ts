/**
 * Validation of IR files (what `--emit ir` writes) against the committed IR schema,
 * `src/model/ir.schema.json`, with Ajv in strict mode (the schema must not need any leniency).
 */
import { Ajv, type ErrorObject } from "ajv";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../src/paths.js";

export const irSchema = JSON.parse(readFileSync(join(packageRoot, "src", "model", "ir.schema.json"), "utf8")) as Record<string, unknown>;

const validate = new Ajv({ strict: true, verbose: true }).compile(irSchema);

/**
 * Why an IR file (parsed JSON) does not validate, none when it does. A union (declaration, type,
 * value) tries every alternative, and Ajv reports why each failed: only the errors of the alternative
 * the value's `kind` (`type` for values) selects are kept.
 */
export function irSchemaErrors(ir: unknown): ErrorObject[] {
  if (validate(ir)) return [];
  const errors = (validate.errors ?? []).filter((e) => !ofAnotherAlternative(e));
  const specific = errors.filter((e) => e.keyword !== "anyOf");
  return specific.length ? specific : errors;
}

/** An error as one line: `/declarations/3/methods/0: must have required property 'vtableIndex' {…}`. */
export function formatIrSchemaError(e: ErrorObject): string {
  return `${e.instancePath || "/"}: ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`;
}

/** The alternative failed on the discriminant, or elsewhere while the value's discriminant is another. */
function ofAnotherAlternative(e: ErrorObject): boolean {
  if (e.keyword === "const" && /\/properties\/(kind|type)\/const$/.test(e.schemaPath)) return true;
  const properties = (e.parentSchema as { properties?: Record<string, { const?: unknown; enum?: unknown[] }> } | undefined)?.properties;
  const data = e.data as Record<string, unknown> | null;
  if (!properties || typeof data !== "object" || data === null) return false;
  return ["kind", "type"].some((tag) => {
    const allowed = properties[tag]?.const !== undefined ? [properties[tag].const] : properties[tag]?.enum;
    return typeof data[tag] === "string" && Array.isArray(allowed) && !allowed.includes(data[tag]);
  });
}
