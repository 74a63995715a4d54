/**
 * Names in generated TypeScript. IDL names are kept as written (they match the documentation users
 * read); only names that cannot stand where they are used get a deterministic `_` suffix.
 */

/** Words that cannot be binding names (parameters, locals) in strict-mode ES modules. */
const RESERVED = new Set([
  "arguments", "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do",
  "else", "enum", "eval", "export", "extends", "false", "finally", "for", "function", "if", "implements", "import", "in",
  "instanceof", "interface", "let", "new", "null", "package", "private", "protected", "public", "return", "static",
  "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield",
]);

/** Type names TypeScript reserves in type positions. */
const RESERVED_TYPES = new Set(["any", "boolean", "never", "number", "object", "string", "symbol", "undefined", "unknown", "bigint", "void", "null"]);

/** A parameter or variable name: reserved words get a trailing underscore. */
export function bindingName(name: string): string {
  return RESERVED.has(name) ? `${name}_` : name;
}

/** A declaration name usable as both a value and a type in a module. */
export function declarationName(name: string): string {
  return RESERVED.has(name) || RESERVED_TYPES.has(name) ? `${name}_` : name;
}

/** A property/method key in an interface or class: quoted when it is not an identifier or would be special. */
export function memberKey(name: string): string {
  if (name === "constructor") return `["constructor"]`;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

/** A JavaScript string literal. */
export function stringLiteral(value: string): string {
  const json = JSON.stringify(value);
  // Quoted as prettier quotes it, so that generated code is already formatted: double quotes
  // unless the text holds more double quotes than single ones (nearly every name holds neither,
  // and this runs for every name in every dispatch table: no counting then).
  if (!value.includes('"')) return json;
  const doubles = value.split('"').length - 1;
  const singles = value.split("'").length - 1;
  if (doubles <= singles) return json;
  return `'${json.slice(1, -1).replace(/\\(.)|'/g, (m, escaped: string | undefined) => (escaped === '"' ? '"' : escaped !== undefined ? m : "\\'"))}'`;
}

/** Text safe inside a JSDoc block. */
export function docText(text: string): string {
  return text.replace(/\*\//g, "*\\/").replace(/\r?\n/g, " ");
}
