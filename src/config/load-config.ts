/**
 * The project configuration: `codegen.config.json` at the project root, or a `"codegen"` key in
 * package.json, validated against the schema shipped in the package (editors complete and check it
 * through `"$schema"`). An invalid configuration is a located error (file, line and column, the key
 * path, what was expected), never a guess.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createRequire } from "node:module";
import type { Ajv as AjvClass, ErrorObject } from "ajv";
import { SourceFile, diagnosticAt, type Diagnostic } from "../diagnostics/index.js";
import type { EmitKind } from "../compiler/options.js";
import { packageRoot } from "../paths.js";
import { locateJsonPointer } from "./json-locate.js";

/** One compilation job of the configuration, with paths resolved against the configuration's directory. */
export interface Target {
  readonly name: string;
  /** File names or globs, relative to `baseDir`. */
  readonly inputs: readonly string[];
  readonly includeDirs: readonly string[];
  readonly defines: ReadonlyMap<string, string>;
  readonly outDir: string;
  readonly emit: readonly EmitKind[];
  readonly format: boolean;
  readonly verify: boolean;
  readonly runtimeImport: string | undefined;
  /** Directory the target's paths are relative to. */
  readonly baseDir: string;
}

export interface LoadedConfig {
  /** The file the configuration came from, or null for the built-in default. */
  readonly path: string | null;
  readonly targets: readonly Target[];
}

/** The schema file shipped in the package, for `"$schema"` in users' configuration files. */
export const CONFIG_SCHEMA_PATH = join(packageRoot, "src", "config", "codegen.config.schema.json");

type RawTarget = {
  name?: string;
  inputs?: string[];
  includeDirs?: string[];
  defines?: Record<string, string>;
  outDir?: string;
  emit?: EmitKind[];
  format?: boolean;
  verify?: boolean;
  runtimeImport?: string;
};

let validate: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null } | undefined;

function validator() {
  if (!validate) {
    // Loaded on first use: runs without a configuration file never load ajv.
    const { Ajv } = createRequire(import.meta.url)("ajv") as { Ajv: typeof AjvClass };
    const ajv = new Ajv({ allErrors: false, strict: true });
    validate = ajv.compile(JSON.parse(readFileSync(CONFIG_SCHEMA_PATH, "utf8")) as object);
  }
  return validate;
}

/** Result of loading: the configuration, or the diagnostics that say why it is invalid. */
export type ConfigResult = { readonly ok: true; readonly config: LoadedConfig } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * Finds and loads the configuration of the project at `cwd` (or the file `explicit`): codegen.config.json
 * first, then package.json's "codegen" key; without either, the default target (idl/**\/*.idl → generated/).
 */
export function loadConfig(cwd: string, explicit?: string): ConfigResult {
  const candidates = explicit ? [resolve(cwd, explicit)] : [join(cwd, "codegen.config.json"), join(cwd, "package.json")];
  for (const path of candidates) {
    if (!existsSync(path)) {
      if (explicit) return { ok: false, diagnostics: [{ code: "MTS0003", severity: "error", message: `configuration file '${explicit}' not found` }] };
      continue;
    }
    const text = readFileSync(path, "utf8");
    const file = new SourceFile(path.slice(cwd.length + 1) || path, text);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      const at = /position (\d+)/.exec((e as Error).message);
      return { ok: false, diagnostics: [diagnosticAt("MTS0003", "error", `invalid JSON: ${(e as Error).message.replace(/ in JSON at position \d+.*$/, "")}`, file, at ? Number(at[1]) : 0)] };
    }
    const isPackage = path.endsWith("package.json") && !explicit;
    if (isPackage && (typeof json !== "object" || json === null || !("codegen" in json))) continue;
    const raw = isPackage ? (json as { codegen: unknown }).codegen : json;
    const prefix = isPackage ? "/codegen" : "";
    const v = validator();
    if (!v(raw)) {
      const err = v.errors![0]!;
      // An unknown key is reported at the key, not at the object holding it.
      const extra = err.keyword === "additionalProperties" ? `/${(err.params as { additionalProperty: string }).additionalProperty}` : "";
      const pointer = `${prefix}${err.instancePath}${extra}`;
      const offset = locateJsonPointer(text, pointer);
      return { ok: false, diagnostics: [diagnosticAt("MTS0003", "error", `${(prefix + err.instancePath) || "/"}: ${describe(err)}`, file, offset)] };
    }
    return { ok: true, config: { path, targets: targetsOf(raw as RawTarget & { targets?: RawTarget[] }, dirname(path)) } };
  }
  return { ok: true, config: { path: null, targets: targetsOf({}, cwd) } };
}

function describe(err: ErrorObject): string {
  if (err.keyword === "additionalProperties") return `unknown setting '${(err.params as { additionalProperty: string }).additionalProperty}'`;
  if (err.keyword === "enum") return `must be one of ${(err.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
  return err.message ?? "invalid";
}

function targetsOf(raw: RawTarget & { targets?: RawTarget[] }, baseDir: string): Target[] {
  const list = raw.targets ?? [raw];
  return list.map((t, i) => ({
    name: t.name ?? (list.length > 1 ? `target ${i + 1}` : "default"),
    inputs: t.inputs ?? ["idl/**/*.idl"],
    includeDirs: t.includeDirs ?? [],
    defines: new Map(Object.entries(t.defines ?? {})),
    outDir: t.outDir ?? "generated",
    emit: t.emit ?? ["ts"],
    format: t.format ?? true,
    verify: t.verify ?? true,
    runtimeImport: t.runtimeImport,
    baseDir,
  }));
}
