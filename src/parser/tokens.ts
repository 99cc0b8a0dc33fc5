/**
 * # Tokens and their one-character codes
 *
 * Responsibility: the vocabulary shared by the scanner (`lexer.ts`), the
 * token-level grammar `LuaTokens` of `grammar.ohm` and the diagnoser: every
 * token kind of Lua 5.4 and the single character that stands for it in the
 * compact token string fed to Ohm.
 *
 * Manual: §3.1 (lexical conventions: keywords, other tokens).
 *
 * PUC-Rio counterpart: `enum RESERVED` and `luaX_tokens` of `llex.h`/`llex.c`.
 *
 * Invariant: a token code is one character; single-character operators are
 * their own code (`+` is `"+"`), so the grammar's literals for them read the
 * same at both levels. The codes of keywords and multi-character symbols are
 * written in `grammar.ohm` (grammar `LuaTokens`); `spec/parser/tokens.spec.ts`
 * checks that the two tables agree.
 *
 * Read next: `lexer.ts`.
 */

/** Reserved words (§3.1) and their codes. */
export const KEYWORD_CODES: Record<string, string> = {
  and: 'A', break: 'B', do: 'D', else: 'E', elseif: 'F', end: 'Z',
  false: 'K', for: 'O', function: 'U', goto: 'G', if: 'I', in: 'J',
  local: 'L', nil: 'N', not: 'X', or: 'R', repeat: 'P', return: 'T',
  then: 'H', true: 'Y', until: 'Q', while: 'W',
};

/** Symbols of more than one character and their codes. */
export const SYMBOL_CODES: Record<string, string> = {
  '//': 'd', '..': 'c', '...': 'v', '==': 'q', '>=': 'g', '<=': 'l',
  '~=': 'x', '<<': 'h', '>>': 'r', '::': 'k',
};

/** Codes of the tokens that carry a value. */
export const NAME = 'n';
/** A string literal; its value is the decoded bytes. */
export const STRING = 's';
/** An integer numeral; its value is a canonical Lua integer. */
export const INTEGER = 'i';
/** A float numeral; its value is a JS number. */
export const FLOAT = 'f';

/**
 * Codes of the placeholders that stand for a part parsed on its own
 * (nested.ts): an expression and a statement. No token has them (letters
 * make names and keywords), and grammar `LuaTokens` accepts them as a
 * `SimpleExp` and as a `Stat`.
 */
export const PREPARSED_EXP = 'e';
/** The placeholder of a statement parsed on its own (see above); `PREPARSED_EXP` is the expression's. */
export const PREPARSED_STAT = 'S';

/** Single-character symbols: each is its own code. */
export const SINGLE_SYMBOLS = '+-*/%^#&~|<>=(){}[];:,.';

/** Code → how Lua writes the token in messages (`luaX_token2str`). */
export const TOKEN_TEXT: Record<string, string> = {
  [NAME]: '<name>', [STRING]: '<string>', [INTEGER]: '<integer>', [FLOAT]: '<number>',
};
for (const [word, code] of Object.entries(KEYWORD_CODES)) TOKEN_TEXT[code] = word;
for (const [sym, code] of Object.entries(SYMBOL_CODES)) TOKEN_TEXT[code] = sym;
for (const c of SINGLE_SYMBOLS) TOKEN_TEXT[c] = c;

/** Char code of each keyword's code, by keyword (for the scanner's hot loop). */
export const KEYWORD_CHAR = new Map<string, number>(
  Object.entries(KEYWORD_CODES).map(([w, c]) => [w, c.charCodeAt(0)]),
);

/**
 * The scanned chunk: parallel arrays indexed by token number. `codes` is
 * the string Ohm matches; position i of it is token i.
 */
export interface TokenStream {
  /** One character per token (see the tables above). */
  codes: string;
  /** Line of each token: the line where the token ends, as `llex` counts. */
  lines: Int32Array;
  /** Source offset where each token starts and ends (end exclusive). */
  starts: Int32Array;
  /** Source offset just past each token (with `starts`, the token's text for "near" messages). */
  ends: Int32Array;
  /** Value of names, strings and numerals; undefined for other tokens. */
  values: (string | number | bigint | undefined)[];
  /** Number of tokens. */
  count: number;
  /** Line of the end of the source (for `Chunk.lastLine`). */
  lastLine: number;
  /**
   * The lexical error met after the last token, if any: scanning stops
   * there, and the error is raised only if parsing gets that far.
   * `message` is the error without position, `line` where it was met.
   */
  error?: { message: string; line: number };
  /** True if the chunk contains `...` (the diagnoser then checks where it is used). */
  hasVararg: boolean;
  /** Deepest nesting of brackets and blocks (a cheap estimate of parser levels). */
  maxDepth: number;
  /** Longest run of `..`, `^`, unary operators and commas (each may nest a parser level). */
  maxOperatorRun: number;
}
