/**
 * Every token of MIDL, in one place (the lexer's single source of truth).
 *
 * MIDL keywords are contextual: most attribute names (`in`, `out`, `uuid`, `propget`, …) are ordinary
 * identifiers and are not tokens at all; the parser reads attribute names with the `AnyName` category.
 * Keywords use `longer_alt: Identifier` so that `interfaceFoo` stays one identifier, and belong to
 * `AnyName` so that they can still name an attribute (`[default]`, `[case]`, `[const]`).
 * Soft keywords that real IDL also uses as plain names (`properties`, `methods`) are in `Name` too.
 */
import type { CustomPatternMatcherFunc, TokenType } from "chevrotain";
import { chevrotain } from "./chevrotain.js";

const { createToken, Lexer } = chevrotain;

/** Category: any identifier-like token (identifiers and every keyword). */
export const AnyName = createToken({ name: "AnyName", pattern: Lexer.NA, label: "name" });
/** Category: tokens usable as a declared name (identifiers and soft keywords). */
export const Name = createToken({ name: "Name", pattern: Lexer.NA, label: "identifier" });

/** White space, including a backslash-newline left in ordinary text (widl treats it as a line splice). */
export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /(?:[ \t\f\v\r\n\u00a0\ufeff]|\\\r?\n)+/, group: Lexer.SKIPPED, line_breaks: true });
export const LineComment = createToken({ name: "LineComment", pattern: /\/\/[^\r\n]*/, group: Lexer.SKIPPED });
export const BlockComment = createToken({ name: "BlockComment", pattern: /\/\*[\s\S]*?\*\//, group: Lexer.SKIPPED, line_breaks: true });
/** A `#pragma` line (passed through by the preprocessor) or a `#line`-like leftover: one token to end of line. */
export const Pragma = createToken({ name: "Pragma", pattern: /#[ \t]*pragma[^\r\n]*/, label: "#pragma" });

export const Identifier = createToken({ name: "Identifier", pattern: /[A-Za-z_$][A-Za-z0-9_$]*/, categories: [AnyName, Name], label: "identifier" });

/**
 * An unquoted GUID as MIDL writes it in `uuid(...)`: `00000000-0000-0000-C000-000000000046`.
 * Anything shaped like one (hex groups joined by at least four dashes) is taken as a uuid, even with
 * wrong group lengths, so that a typo gets one "invalid uuid" error from the resolver instead of a
 * cascade of syntax errors. A custom matcher rejects ordinary numbers and identifiers cheaply.
 */
const UUID_SHAPE = /[0-9a-fA-F]+(?:-[0-9a-fA-F]+){4,}(?![A-Za-z0-9_])/y;
const uuidMatcher: CustomPatternMatcherFunc = (text, offset) => {
  const c = text.charCodeAt(offset + 1);
  // Fast reject: a uuid's second character is a hex digit or (for short typos) a dash.
  if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102) || c === 45)) return null;
  UUID_SHAPE.lastIndex = offset;
  const r = UUID_SHAPE.exec(text);
  return r && r[0].length >= 20 ? r : null;
};
export const UuidLiteral = createToken({
  name: "UuidLiteral",
  pattern: { exec: uuidMatcher },
  line_breaks: false,
  start_chars_hint: [..."0123456789abcdefABCDEF"],
  label: "uuid",
});

export const FloatLiteral = createToken({ name: "FloatLiteral", pattern: /(?:\d+\.\d*|\.\d+)(?:[eE][+-]?\d+)?[fFlL]?|\d+[eE][+-]?\d+[fFlL]?/, label: "number" });
export const IntegerLiteral = createToken({ name: "IntegerLiteral", pattern: /0[xX][0-9a-fA-F]+[uUlL]*|\d+[uUlL]*/, label: "number" });
export const StringLiteral = createToken({ name: "StringLiteral", pattern: /L?"(?:[^"\\\r\n]|\\[\s\S])*"/, label: "string" });
export const CharLiteral = createToken({ name: "CharLiteral", pattern: /L?'(?:[^'\\\r\n]|\\[\s\S])+'/, label: "character" });

function keyword(word: string, soft = false): TokenType {
  return createToken({
    name: `Kw_${word}`,
    // A string, not a RegExp: the lexer then takes its first character as is instead of analysing
    // a regular expression per keyword when it is built (a share of every run's start-up).
    pattern: word,
    longer_alt: Identifier,
    categories: soft ? [AnyName, Name] : [AnyName],
    label: `'${word}'`,
  });
}

export const Import = keyword("import");
export const ImportLib = keyword("importlib");
export const CppQuote = keyword("cpp_quote");
export const MidlPragma = keyword("midl_pragma");
export const Interface = keyword("interface");
export const Dispinterface = keyword("dispinterface");
export const Coclass = keyword("coclass");
export const Library = keyword("library");
export const Module = keyword("module");
export const Properties = keyword("properties", true);
export const Methods = keyword("methods", true);
// WinRT (MIDL 3 / widl): soft, so that older IDL may still use these words as names.
export const Namespace = keyword("namespace", true);
export const RuntimeClass = keyword("runtimeclass", true);
export const Delegate = keyword("delegate", true);
export const ApiContract = keyword("apicontract", true);
export const Declare = keyword("declare", true);
export const Requires = keyword("requires", true);
export const Typedef = keyword("typedef");
export const Struct = keyword("struct");
export const Union = keyword("union");
export const Enum = keyword("enum");
export const Const = keyword("const");
export const Extern = keyword("extern");
export const Volatile = keyword("volatile");
export const Unsigned = keyword("unsigned");
export const Signed = keyword("signed");
export const Long = keyword("long");
export const Short = keyword("short");
export const Int = keyword("int");
export const Char = keyword("char");
export const Hyper = keyword("hyper");
export const Float = keyword("float");
export const Double = keyword("double");
export const Void = keyword("void");
export const Boolean = keyword("boolean");
export const Byte = keyword("byte");
export const Small = keyword("small");
export const WcharT = keyword("wchar_t");
export const Int8 = keyword("__int8");
export const Int16 = keyword("__int16");
export const Int32 = keyword("__int32");
export const Int64 = keyword("__int64");
export const Int3264 = keyword("__int3264");
/** Soft: `SAFEARRAY(T)` is a type, but `typedef struct tagSAFEARRAY {…} SAFEARRAY;` declares the name. */
export const SafeArray = keyword("SAFEARRAY", true);
export const Switch = keyword("switch");
export const Case = keyword("case");
export const Default = keyword("default");
export const Sizeof = keyword("sizeof");
/** Calling conventions are accepted and ignored, as widl does. */
export const CallConv = createToken({
  name: "CallConv",
  pattern: /(?:__stdcall|_stdcall|__cdecl|_cdecl|__fastcall|__pascal|_pascal|pascal|__far|_far|far|__near|_near|near|__RPC_FAR|__RPC_API|__RPC_USER|__RPC_STUB|__RPC_CALLEE|WINAPI|CALLBACK|STDMETHODCALLTYPE)(?![A-Za-z0-9_$])/,
  label: "calling convention",
});

export const LBracket = createToken({ name: "LBracket", pattern: "[", label: "'['" });
export const RBracket = createToken({ name: "RBracket", pattern: "]", label: "']'" });
export const LParen = createToken({ name: "LParen", pattern: "(", label: "'('" });
export const RParen = createToken({ name: "RParen", pattern: ")", label: "')'" });
export const LBrace = createToken({ name: "LBrace", pattern: "{", label: "'{'" });
export const RBrace = createToken({ name: "RBrace", pattern: "}", label: "'}'" });
export const Semicolon = createToken({ name: "Semicolon", pattern: ";", label: "';'" });
export const Comma = createToken({ name: "Comma", pattern: ",", label: "','" });
export const Colon = createToken({ name: "Colon", pattern: ":", label: "':'" });
export const Question = createToken({ name: "Question", pattern: "?", label: "'?'" });
export const Arrow = createToken({ name: "Arrow", pattern: "->", label: "'->'" });
export const Dot = createToken({ name: "Dot", pattern: ".", label: "'.'" });

/** Category of binary operators; `binaryOperators` gives their precedence. */
export const BinaryOp = createToken({ name: "BinaryOp", pattern: Lexer.NA, label: "operator" });
export const OrOr = createToken({ name: "OrOr", pattern: "||", categories: [BinaryOp], label: "'||'" });
export const AndAnd = createToken({ name: "AndAnd", pattern: "&&", categories: [BinaryOp], label: "'&&'" });
export const Shl = createToken({ name: "Shl", pattern: "<<", categories: [BinaryOp], label: "'<<'" });
export const Shr = createToken({ name: "Shr", pattern: ">>", categories: [BinaryOp], label: "'>>'" });
export const LessEq = createToken({ name: "LessEq", pattern: "<=", categories: [BinaryOp], label: "'<='" });
export const GreaterEq = createToken({ name: "GreaterEq", pattern: ">=", categories: [BinaryOp], label: "'>='" });
export const EqEq = createToken({ name: "EqEq", pattern: "==", categories: [BinaryOp], label: "'=='" });
export const NotEq = createToken({ name: "NotEq", pattern: "!=", categories: [BinaryOp], label: "'!='" });
export const Less = createToken({ name: "Less", pattern: "<", categories: [BinaryOp], label: "'<'" });
export const Greater = createToken({ name: "Greater", pattern: ">", categories: [BinaryOp], label: "'>'" });
export const Pipe = createToken({ name: "Pipe", pattern: "|", categories: [BinaryOp], label: "'|'" });
export const Caret = createToken({ name: "Caret", pattern: "^", categories: [BinaryOp], label: "'^'" });
export const Amp = createToken({ name: "Amp", pattern: "&", categories: [BinaryOp], label: "'&'" });
export const Plus = createToken({ name: "Plus", pattern: "+", categories: [BinaryOp], label: "'+'" });
export const Minus = createToken({ name: "Minus", pattern: "-", categories: [BinaryOp], label: "'-'" });
export const Star = createToken({ name: "Star", pattern: "*", categories: [BinaryOp], label: "'*'" });
export const Slash = createToken({ name: "Slash", pattern: "/", categories: [BinaryOp], label: "'/'" });
export const Percent = createToken({ name: "Percent", pattern: "%", categories: [BinaryOp], label: "'%'" });
export const Tilde = createToken({ name: "Tilde", pattern: "~", label: "'~'" });
export const Bang = createToken({ name: "Bang", pattern: "!", label: "'!'" });
export const Equals = createToken({ name: "Equals", pattern: "=", label: "'='" });

/** C precedence of each binary operator (higher binds tighter). */
export const binaryOperators: ReadonlyMap<TokenType, number> = new Map([
  [OrOr, 1], [AndAnd, 2], [Pipe, 3], [Caret, 4], [Amp, 5], [EqEq, 6], [NotEq, 6],
  [Less, 7], [Greater, 7], [LessEq, 7], [GreaterEq, 7], [Shl, 8], [Shr, 8],
  [Plus, 9], [Minus, 9], [Star, 10], [Slash, 10], [Percent, 10],
]);

/** Keywords, longest first where one is a prefix of another. */
const keywords = [
  ImportLib, Import, CppQuote, MidlPragma, Interface, Dispinterface, Coclass, Library, Module, Properties, Methods,
  Namespace, RuntimeClass, Delegate, ApiContract, Declare, Requires,
  Typedef, Struct, Union, Enum, Const, Extern, Volatile, Unsigned, Signed, Long, Short, Int3264, Int8, Int16, Int32, Int64,
  Int, Char, Hyper, Float, Double, Void, Boolean, Byte, Small, WcharT, SafeArray, Switch, Case, Default, Sizeof,
];

/** All tokens in lexing order (first match wins in chevrotain, so order matters). */
export const allTokens: TokenType[] = [
  WhiteSpace, LineComment, BlockComment, Pragma,
  UuidLiteral, FloatLiteral, IntegerLiteral, StringLiteral, CharLiteral,
  CallConv, ...keywords, Identifier,
  Arrow, OrOr, AndAnd, Shl, Shr, LessEq, GreaterEq, EqEq, NotEq,
  LBracket, RBracket, LParen, RParen, LBrace, RBrace, Semicolon, Comma, Colon, Question, Dot,
  Less, Greater, Pipe, Caret, Amp, Plus, Minus, Star, Slash, Percent, Tilde, Bang, Equals,
  AnyName, Name, BinaryOp,
];

/** The one lexer of the process (chevrotain lexers are reusable and costly to build). */
export const midlLexer = new Lexer(allTokens, {
  positionTracking: "onlyOffset",
  ensureOptimizations: true,
  skipValidations: true,
});
