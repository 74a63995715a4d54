/**
 * Command-line parsing with Node's own `util.parseArgs`: maintained with Node itself, strict about
 * unknown flags, and no dependency to install — all this CLI needs.
 */
import { parseArgs } from "node:util";
import type { EmitKind } from "../compiler/options.js";
import { DIAGNOSTIC_STYLES, type DiagnosticStyle } from "../diagnostics/index.js";

/** Parsed flags; `undefined` means "not given", so the configuration's value stands. */
export interface CliOptions {
  readonly inputs: readonly string[];
  readonly outDir: string | undefined;
  readonly includeDirs: readonly string[] | undefined;
  readonly defines: ReadonlyMap<string, string>;
  readonly emit: readonly EmitKind[] | undefined;
  readonly check: boolean;
  readonly format: false | undefined;
  readonly verify: false | undefined;
  readonly config: string | undefined;
  readonly cache: boolean;
  readonly templates: string | undefined;
  readonly watch: boolean;
  readonly diagnostics: DiagnosticStyle;
  readonly maxErrors: number | undefined;
  readonly help: boolean;
  readonly version: boolean;
}

/** A usage error: reported as `error MTS0001: …` with exit code 2. */
export class UsageError extends Error {}

const EMIT_KINDS: readonly EmitKind[] = ["ts", "ir"];

export const HELP = `Usage: codegen [options] [file.idl ...]

Compiles Microsoft IDL to TypeScript: interfaces, GUIDs, dispatch tables, event sinks and COM
stub classes that run on midl-ts/runtime. With no files, compiles every target of the project's
configuration (codegen.config.json, or "codegen" in package.json; default: idl/**/*.idl into
generated/). Files on the command line replace the first target's inputs; flags override the
configuration.

Options:
  -c, --config FILE        configuration file (default: codegen.config.json, then package.json)
  -o, --out DIR            output directory (default: generated)
  -I, --include DIR        import/#include search directory (repeatable, searched in order,
                           before the built-in base IDL)
  -D, --define NAME[=VAL]  preprocessor definition (repeatable)
      --emit KINDS         comma list of outputs: ts (default), ir
      --check              write nothing; exit 1 listing every output that is missing,
                           stale or extra
      --no-format          skip prettier
      --no-verify          skip type-checking the generated TypeScript
      --no-cache           neither read nor write the cache (node_modules/.cache/midl-ts)
      --watch              build, then regenerate what each change affects, until Ctrl-C
      --templates DIR      handlebars templates: module/interface/stub.hbs override the
                           built-in ones; any other NAME.hbs adds <module>.NAME from the IR
      --diagnostics STYLE  human (default: code frames, colour on a terminal), msvc,
                           gcc, or json (one JSON object per line, on stdout)
      --max-errors N       print at most N errors
  -h, --help               show this help
  -v, --version            show the version

Exit codes: 0 done (warnings allowed), 1 errors in the input or --check found drift,
2 usage errors (bad flags, missing files).`;

/** Parses argv (without node and the script). Throws UsageError for anything invalid. */
export function parseCli(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: "string", short: "o" },
        config: { type: "string", short: "c" },
        include: { type: "string", short: "I", multiple: true },
        define: { type: "string", short: "D", multiple: true },
        emit: { type: "string" },
        check: { type: "boolean" },
        "no-format": { type: "boolean" },
        "no-verify": { type: "boolean" },
        "no-cache": { type: "boolean" },
        templates: { type: "string" },
        watch: { type: "boolean" },
        diagnostics: { type: "string" },
        "max-errors": { type: "string" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ""));
  }
  const v = parsed.values;
  const emit = v.emit === undefined ? undefined : v.emit.split(",").map((s) => s.trim()).filter(Boolean);
  for (const k of emit ?? []) {
    if (!EMIT_KINDS.includes(k as EmitKind)) throw new UsageError(`unknown output kind '${k}' in --emit (expected ${EMIT_KINDS.join(", ")})`);
  }
  if (emit && emit.length === 0) throw new UsageError("--emit needs at least one output kind");
  const style = (v.diagnostics ?? "human") as DiagnosticStyle;
  if (!DIAGNOSTIC_STYLES.includes(style)) throw new UsageError(`unknown diagnostics style '${v.diagnostics}' (expected ${DIAGNOSTIC_STYLES.join(", ")})`);
  let maxErrors: number | undefined;
  if (v["max-errors"] !== undefined) {
    maxErrors = Number(v["max-errors"]);
    if (!Number.isInteger(maxErrors) || maxErrors < 1) throw new UsageError(`--max-errors needs a positive whole number, not '${v["max-errors"]}'`);
  }
  const defines = new Map<string, string>();
  for (const d of v.define ?? []) {
    const eq = d.indexOf("=");
    const name = eq < 0 ? d : d.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UsageError(`invalid macro name in -D ${d}`);
    defines.set(name, eq < 0 ? "1" : d.slice(eq + 1));
  }
  return {
    inputs: parsed.positionals,
    outDir: v.out,
    includeDirs: v.include,
    defines,
    emit: emit ? [...new Set(emit as EmitKind[])] : undefined,
    check: v.check ?? false,
    format: v["no-format"] ? false : undefined,
    verify: v["no-verify"] ? false : undefined,
    config: v.config,
    cache: !v["no-cache"],
    templates: v.templates,
    watch: v.watch ?? false,
    diagnostics: style,
    maxErrors,
    help: v.help ?? false,
    version: v.version ?? false,
  };
}
