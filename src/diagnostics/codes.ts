/**
 * Every diagnostic code the compiler can report, with a one-line title. Codes are stable: once
 * released, a code keeps its meaning. MIDL's own numbers are used where MIDL has the same error;
 * project codes are `MTS` + four digits, grouped by phase:
 * 0xxx usage and I/O, 1xxx preprocessor, 2xxx lexer and parser, 3xxx semantic checks, 4xxx emit/verify.
 * Each code has an invalid-input fixture under `test/fixtures/invalid/` with its full expected text.
 */
export const diagnosticCodes = {
  // usage and I/O
  MTS0001: "invalid command-line usage",
  MIDL1001: "cannot open input file",
  MTS0002: "cannot write output file",
  MTS0003: "invalid configuration",
  // preprocessor
  MTS1001: "include file not found",
  MTS1002: "#error directive",
  MTS1003: "#warning directive",
  MTS1004: "unterminated conditional directive",
  MTS1005: "conditional directive without #if",
  MTS1006: "invalid preprocessor expression",
  MTS1007: "unknown preprocessor directive",
  MTS1008: "bad macro invocation",
  MTS1009: "include nesting too deep or cyclic",
  MTS1010: "macro expansion too large or recursive",
  MTS1011: "malformed preprocessor directive",
  MTS1012: "unterminated comment or literal",
  // lexer and parser
  MIDL2025: "syntax error",
  MTS2001: "unexpected character",
  MTS2002: "nesting too deep",
  MTS2003: "invalid bytes in the source (NUL, or neither UTF-8 nor UTF-16 with a BOM)",
  // semantic checks
  MIDL2003: "redefinition",
  MIDL2009: "undefined symbol in expression",
  MIDL2011: "unresolved type declaration",
  MTS3001: "duplicate DISPID",
  MTS3002: "[retval] is not the last parameter",
  MTS3003: "[retval] parameter must be an [out] pointer",
  MTS3004: "[out] parameter is not a pointer",
  MTS3005: "property accessors do not match",
  MTS3006: "invalid uuid",
  MTS3007: "imported file not found",
  MTS3008: "invalid constant expression",
  MTS3009: "not an interface",
  MTS3010: "circular inheritance",
  MTS3011: "undeclared type taken as an incomplete struct",
  // emit and verification
  MTS4001: "generated TypeScript does not type-check (compiler bug)",
  MTS4002: "a custom template failed",
} as const;

/** A known diagnostic code. */
export type DiagnosticCode = keyof typeof diagnosticCodes;
