import type { PpLexer } from "./lexer.js";
import type { DirectiveExtent } from "./logical-line.js";
import type { Token } from "./tokens.js";

/** A directive being handled: its `#`, its name token, a lexer positioned after the name, and its extent. */
export interface Directive {
  /** Source offset of the `#`. */
  readonly hash: number;
  readonly name: Token;
  readonly lexer: PpLexer;
  readonly extent: DirectiveExtent;
}
