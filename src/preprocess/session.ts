import { diagnosticAt, SourceFile, type Diagnostic, type Severity } from "../diagnostics/index.js";
import { ConditionalStack } from "./conditionals.js";
import { Expander, type ExpanderHost } from "./expander.js";
import { ExpansionMemo } from "./expansion-memo.js";
import { IncludeGuard } from "./include-guard.js";
import { directoryOf, normalizePath } from "./include-paths.js";
import { PpLexer } from "./lexer.js";
import { LogicalLine } from "./logical-line.js";
import { builtinMacros, parseDefinition, type Macro } from "./macros.js";
import { Output } from "./output.js";
import type { LexicalReporter } from "./scanner.js";
import { DEFAULT_MAX_INCLUDE_DEPTH, type PreprocessOptions } from "./types.js";

/** One file being processed; the include stack holds one per nesting level. */
export interface Frame {
  readonly file: SourceFile;
  /** Directory of the file, searched first for `#include "x"`. */
  readonly dir: string;
  /** Conditional depth when the file was entered: the file may only close groups above it. */
  readonly condBase: number;
  readonly guard: IncludeGuard;
  /** The text mentions `__FILE__`/`__LINE__`, so identifiers matter even when no macro is defined. */
  readonly builtins: boolean;
  /** Where scanning continues. */
  pos: number;
  /** Start of text scanned but not yet output (copied if active, reduced to line breaks if skipped). */
  copyStart: number;
  /** Only white space and comments since `lineStart`, so a `#` would start a directive. */
  atLineStart: boolean;
  /** Start of the line (or of the comment-only lines) before a possible directive. */
  lineStart: number;
  /** Text other than white space, comments and directives was seen since the last directive. */
  sawText: boolean;
}

/** The state of one preprocessor run, shared by the scanners and directive handlers. */
export class Session implements ExpanderHost {
  readonly output: Output;
  readonly diagnostics: Diagnostic[] = [];
  readonly #macros = new Map<string, Macro>();
  readonly expansions = new ExpansionMemo();
  readonly conditionals = new ConditionalStack();
  readonly expander: Expander = new Expander(this);
  readonly stack: Frame[] = [];
  /** Files by path, read once per run (null: does not exist). */
  readonly #files = new Map<string, SourceFile | null>();
  /** Guard macro of each file known to be guarded. */
  readonly guards = new Map<string, string>();
  /** Files that said `#pragma once`. */
  readonly once = new Set<string>();
  readonly dependencies = new Set<string>();
  readonly maxIncludeDepth: number;
  readonly #lexicalReporters = new Map<SourceFile, LexicalReporter>();

  constructor(
    readonly main: SourceFile,
    readonly options: PreprocessOptions,
  ) {
    this.output = new Output(main);
    // The main file can be included back through a differently spelled path.
    this.#files.set(main.path, main);
    this.#files.set(normalizePath(main.path), main);
    this.maxIncludeDepth = options.maxIncludeDepth ?? DEFAULT_MAX_INCLUDE_DEPTH;
  }

  /** The macros defined now (built-in ones aside). */
  get macros(): ReadonlyMap<string, Macro> {
    return this.#macros;
  }

  /** Defines (or redefines) a macro. */
  define(macro: Macro): void {
    this.expansions.definitionChanging(macro.name);
    this.#macros.set(macro.name, macro);
  }

  /** Removes a macro's definition, if it has one. */
  undefine(name: string): void {
    this.expansions.definitionChanging(name);
    this.#macros.delete(name);
  }

  /** The file being processed. */
  get frame(): Frame {
    return this.stack[this.stack.length - 1]!;
  }

  /** A frame for processing `file` from its start. */
  frameFor(file: SourceFile): Frame {
    const text = file.text;
    return {
      file,
      dir: directoryOf(file.path),
      condBase: this.conditionals.depth,
      guard: new IncludeGuard(),
      builtins: text.includes("__FILE__") || text.includes("__LINE__"),
      pos: 0,
      copyStart: 0,
      atLineStart: true,
      lineStart: 0,
      sawText: false,
    };
  }

  /** The file at `path`, read through the host once per run; undefined if it does not exist. */
  load(path: string): SourceFile | undefined {
    let file = this.#files.get(path);
    if (file === undefined) {
      const text = this.options.host.readFile(path);
      file = text === undefined ? null : new SourceFile(path, text);
      this.#files.set(path, file);
    }
    return file ?? undefined;
  }

  /** True when `name` is a defined macro (built-ins included). */
  isDefined(name: string): boolean {
    return this.macros.has(name) || builtinMacros.has(name);
  }

  /** Records a diagnostic at `file[start, end)`. */
  report(code: string, severity: Severity, message: string, file: SourceFile, start: number, end = start): void {
    this.diagnostics.push(diagnosticAt(code, severity, message, file, start, end));
  }

  /** Records an error in the file being processed. */
  error(code: string, message: string, start: number, end: number): void {
    this.report(code, "error", message, this.frame.file, start, end);
  }

  /** Records a warning in the file being processed. */
  warning(code: string, message: string, start: number, end: number): void {
    this.report(code, "warning", message, this.frame.file, start, end);
  }

  /** The path of the file being processed (`__FILE__`). */
  currentPath(): string {
    return this.frame.file.path;
  }

  /** The line of an offset of the file being processed (`__LINE__`). */
  lineAt(offset: number): number {
    return this.frame.file.positionAt(offset).line;
  }

  /** Reports unterminated comments and literals of `file` (MTS1012), each place once even if scanned twice. */
  lexicalReporter(file: SourceFile): LexicalReporter {
    let reporter = this.#lexicalReporters.get(file);
    if (reporter === undefined) {
      const reported = new Set<number>();
      reporter = (kind, offset) => {
        if (reported.has(offset)) return;
        reported.add(offset);
        this.report("MTS1012", "error", lexicalMessage(kind), file, offset, offset + (kind === "comment" ? 2 : 1));
      };
      this.#lexicalReporters.set(file, reporter);
    }
    return reporter;
  }

  /** Defines the macros of `options.defines`; a malformed one is reported against a `<command line>` file. */
  defineFromOptions(): void {
    for (const [name, value] of this.options.defines ?? []) {
      const text = `${name} ${value}`;
      const file = new SourceFile("<command line>", text);
      const tokens = PpLexer.forLine(new LogicalLine(text, 0, text.length, undefined), 0).rest();
      const macro = parseDefinition(tokens);
      if ("message" in macro) this.report("MTS1011", "error", macro.message, file, macro.at?.start ?? 0, macro.at?.end ?? text.length);
      else this.define(macro);
    }
  }
}

/** The message of an MTS1012 diagnostic. */
export function lexicalMessage(kind: "comment" | "string" | "character"): string {
  return kind === "comment" ? "unterminated comment" : `unterminated ${kind} literal`;
}
