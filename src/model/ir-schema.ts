/**
 * Generates `src/model/ir.schema.json`, the JSON Schema (draft-07) of what `--emit ir` writes: `IrFile`
 * of `ir.ts`. The schema is generated from the types so that it cannot drift from them: `npm run
 * ir:schema` rewrites it, and `test/ir-schema.test.ts` fails while the committed file differs from what
 * this module generates. The generator is ts-json-schema-generator (a devDependency, run only here), with
 * its own TypeScript: ours (TS 7) has no JS API.
 *
 * Its output is post-processed, each step checking what it changes so that a different generator
 * output fails here instead of going unnoticed:
 * - the root carries the IR version: `$id`, `title`, and `irVersion` must be exactly `IR_VERSION`;
 * - `IrDeclarationKind` (`IrDeclaration["kind"]`, which the generator turns into a reference to
 *   `IrDeclaration`) becomes the enum of the declarations' kinds;
 * - each discriminated union (`IrDeclaration`, `IrType`, `IrValue`) also states its discriminant as an
 *   enum, so that an unknown kind is reported as such rather than as a failure of every alternative;
 * - JSDoc the generator does not carry over (the file's, `IR_VERSION`'s, on union members) becomes
 *   descriptions, and every JSDoc of `ir.ts` but those of functions must end up in the schema.
 */
import { existsSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_CONFIG, SchemaGenerator, createFormatter, createParser, createProgram, ts, type CompletedConfig } from "ts-json-schema-generator";
import { packageRoot } from "../paths.js";
import { IR_VERSION } from "./ir.js";

/** The committed schema. */
export const irSchemaFile = join(packageRoot, "src", "model", "ir.schema.json");
/** Where the schema says it comes from: one identifier per IR version. */
export const irSchemaId = `urn:midl-ts:ir:${IR_VERSION}`;

const irSource = join(packageRoot, "src", "model", "ir.ts");

type Json = null | boolean | number | string | Json[] | JsonObject;
interface JsonObject {
  [key: string]: Json;
}

/** The schema's text as committed: generated from `ir.ts`, 2-space indented, with a final newline. */
export function generateIrSchemaText(): string {
  return `${JSON.stringify(generateIrSchema(), null, 2)}\n`;
}

/** The JSON Schema of `IrFile`, generated from `ir.ts`. */
export function generateIrSchema(): JsonObject {
  if (!existsSync(irSource)) throw new Error(`${irSource} not found: the IR schema is generated from the sources`);
  const config: CompletedConfig = {
    ...DEFAULT_CONFIG,
    path: irSource,
    tsconfig: join(packageRoot, "tsconfig.build.json"),
    type: "IrFile",
    topRef: false, // IrFile at the root, so that $id and title are not siblings of a $ref (ignored in draft-07)
    sortProps: false, // properties in the order of ir.ts
    additionalProperties: false,
    functions: "fail",
    skipTypeCheck: true, // the build type-checks ir.ts
  };
  const program = createProgram(config);
  const generator = new SchemaGenerator(program, createParser(program, config), createFormatter(config), config);
  const generated = JSON.parse(JSON.stringify(generator.createSchema("IrFile"))) as JsonObject;
  const docs = readDocs(program.getSourceFiles().find((f) => resolve(f.fileName) === irSource) ?? fail(`${irSource} is not in the program`));
  const defs = object(generated["definitions"], "definitions");

  fixDeclarationKind(defs);
  for (const [name, comments] of docs.unionMembers) describeUnionMembers(object(defs[name], name), name, comments);
  for (const [name, def] of Object.entries(defs)) addDiscriminant(defs, name, object(def, name));

  const { $schema, description, ...rest } = generated;
  const properties = object(rest["properties"], "properties");
  const irVersion = object(properties["irVersion"], "irVersion");
  if (irVersion["const"] !== IR_VERSION || irVersion["type"] !== "number") throw new Error(`irVersion is not the constant ${IR_VERSION}: ${JSON.stringify(irVersion)}`);
  properties["irVersion"] = { ...irVersion, description: docs.irVersion };
  const schema: JsonObject = {
    $schema: $schema ?? fail("no $schema"),
    $id: irSchemaId,
    title: `midl-ts IR, version ${IR_VERSION}: one IrFile, as written by --emit ir`,
    description: `${typeof description === "string" ? description : fail("IrFile has no description")}\n\n${docs.file}`,
    ...rest,
  };
  checkNoDocLost(schema, docs.all);
  return schema;
}

/** The JSDoc of `ir.ts`, as description text. */
interface Docs {
  /** The file's own comment, before `IR_VERSION`'s. */
  readonly file: string;
  readonly irVersion: string;
  /** For each type alias of a union, the comment of each member (null for none). */
  readonly unionMembers: ReadonlyMap<string, readonly (string | null)[]>;
  /** Every comment but those of functions. */
  readonly all: readonly string[];
}

function readDocs(source: ts.SourceFile): Docs {
  const text = source.getFullText();
  const between = (from: number, to: number): string[] => [...text.slice(from, to).matchAll(/\/\*\*[\s\S]*?\*\//g)].map((m) => docText(m[0]));
  const all = between(0, text.length);
  const functionDocs = new Set<string>();
  const unionMembers = new Map<string, (string | null)[]>();
  let file: string | undefined;
  let irVersion: string | undefined;
  for (const statement of source.statements) {
    const leading = between(statement.getFullStart(), statement.getStart(source));
    if (ts.isFunctionDeclaration(statement)) for (const d of leading) functionDocs.add(d);
    if (ts.isVariableStatement(statement) && statement.declarationList.declarations.some((d) => d.name.getText(source) === "IR_VERSION")) {
      if (statement === source.statements[0] && leading.length === 2) file = leading[0];
      irVersion = leading.at(-1);
    }
    if (ts.isTypeAliasDeclaration(statement) && ts.isUnionTypeNode(statement.type)) {
      const members = statement.type.types;
      unionMembers.set(
        statement.name.text,
        members.map((m, i) => between(i === 0 ? statement.type.getFullStart() : members[i - 1]!.getEnd(), m.getStart(source)).at(-1) ?? null),
      );
    }
  }
  return {
    file: file ?? fail("ir.ts does not start with its own comment followed by IR_VERSION's"),
    irVersion: irVersion ?? fail("IR_VERSION has no comment"),
    unionMembers,
    all: all.filter((d) => !functionDocs.has(d)),
  };
}

/** A JSDoc comment as the generator makes descriptions of them: lines joined, paragraphs kept. */
function docText(comment: string): string {
  const lines = comment
    .replace(/^\/\*\*/, "")
    .replace(/\*\/$/, "")
    .split("\n")
    .map((l) => l.replace(/^\s*\* ?/, "").trimEnd());
  return lines.join("\n").trim().replace(/(?<=[^\n])\n(?=[^\n*-])/g, " ");
}

/** `IrDeclarationKind` is `IrDeclaration["kind"]`: the kinds of the declarations, in their order. */
function fixDeclarationKind(defs: JsonObject): void {
  const kinds = discriminantValues(defs, object(defs["IrDeclaration"], "IrDeclaration"), "kind") ?? fail("IrDeclaration is not discriminated by kind");
  const fixed: JsonObject = { type: "string", enum: kinds };
  const def = object(defs["IrDeclarationKind"], "IrDeclarationKind");
  const known = def["$ref"] === "#/definitions/IrDeclaration" && Object.keys(def).length === 1; // the generator's mistake
  if (!known && JSON.stringify(def) !== JSON.stringify(fixed)) throw new Error(`unexpected IrDeclarationKind from the generator: ${JSON.stringify(def)}`);
  defs["IrDeclarationKind"] = fixed;
}

/**
 * A union whose alternatives are objects told apart by one property (`kind`, or `type` in IrValue) also
 * requires that property and lists its values, checked before the alternatives (`allOf` is ordered).
 */
function addDiscriminant(defs: JsonObject, name: string, def: JsonObject): void {
  if (!Array.isArray(def["anyOf"])) return;
  const first = object(derefed(defs, def["anyOf"][0]), `${name} alternative`);
  const tag = Object.keys(object(first["properties"] ?? {}, "properties")).find((p) => discriminantValues(defs, def, p));
  if (!tag) return;
  const values = discriminantValues(defs, def, tag)!;
  const tagSchema: JsonObject = name === "IrDeclaration" ? { $ref: "#/definitions/IrDeclarationKind" } : { type: "string", enum: values };
  const { anyOf, ...rest } = def;
  defs[name] = { type: "object", allOf: [{ required: [tag], properties: { [tag]: tagSchema } }, { anyOf }], ...rest };
}

/**
 * The values of `tag` over the alternatives of a union, when each alternative is an object that
 * requires `tag` with a constant or enum of strings, and no two share a value.
 */
function discriminantValues(defs: JsonObject, union: JsonObject, tag: string): string[] | undefined {
  const values: string[] = [];
  for (const alt of Array.isArray(union["anyOf"]) ? union["anyOf"] : []) {
    const o = derefed(defs, alt);
    const p = isObject(o) && isObject(o["properties"]) ? o["properties"][tag] : undefined;
    if (!isObject(o) || o["type"] !== "object" || !isObject(p) || !(Array.isArray(o["required"]) && o["required"].includes(tag))) return undefined;
    const own = typeof p["const"] === "string" ? [p["const"]] : Array.isArray(p["enum"]) ? p["enum"] : [];
    if (own.length === 0 || own.some((v) => typeof v !== "string" || values.includes(v))) return undefined;
    values.push(...(own as string[]));
  }
  return values.length ? values : undefined;
}

/** JSDoc on members of a union type (`| /** … *\/ { kind: "param"; … }`) describes the alternative. */
function describeUnionMembers(def: JsonObject, name: string, comments: readonly (string | null)[]): void {
  if (comments.every((c) => c === null)) return;
  const anyOf = Array.isArray(def["anyOf"]) ? def["anyOf"] : fail(`${name} is not a union in the schema`);
  if (anyOf.length !== comments.length) throw new Error(`${name}: ${comments.length} members in ir.ts, ${anyOf.length} alternatives in the schema`);
  comments.forEach((c, i) => {
    if (c === null) return;
    const alt = object(anyOf[i], `${name} alternative ${i}`);
    if ("$ref" in alt) throw new Error(`${name}: a comment on member ${i}, a reference, cannot become a description`);
    anyOf[i] = { ...alt, description: c };
  });
}

/** Every JSDoc comment (but those of functions) is, or is part of, some description. */
function checkNoDocLost(schema: JsonObject, docs: readonly string[]): void {
  const descriptions: string[] = [];
  const walk = (v: Json): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (isObject(v)) for (const [k, x] of Object.entries(v)) k === "description" && typeof x === "string" ? descriptions.push(x) : walk(x);
  };
  walk(schema);
  const lost = docs.filter((d) => !descriptions.some((x) => x.includes(d)));
  if (lost.length) throw new Error(`JSDoc of ir.ts missing from the schema:\n${lost.join("\n")}`);
}

function derefed(defs: JsonObject, schema: Json | undefined): Json | undefined {
  const ref = isObject(schema) ? schema["$ref"] : undefined;
  return typeof ref === "string" && ref.startsWith("#/definitions/") ? defs[ref.slice("#/definitions/".length)] : schema;
}

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function object(v: Json | undefined, what: string): JsonObject {
  return isObject(v) ? v : fail(`${what}: not an object in the generated schema`);
}

function fail(message: string): never {
  throw new Error(message);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(irSchemaFile, generateIrSchemaText());
  console.log(`wrote ${irSchemaFile} (IR version ${IR_VERSION})`);
}
