/**
 * The display-filter grammar of Wireshark 4.0 (dfilter grammar.lemon), for the subset the lab
 * evaluates. Precedence from loosest to tightest: `||`/`or`, `&&`/`and`, `!`/`not`, then a test:
 * a comparison, set membership (`in {a, b..c}`, comma-separated as Wireshark 4 requires),
 * `contains`, or a bare value (field presence, or `field & mask` being non-zero). So
 * `!a && b || c` is `((!a) && b) || c` and `!tcp.port == 80` is `!(tcp.port == 80)`.
 * Words are resolved to fields or literals later, by the compiler, which knows the field catalog.
 */
import { msg } from '../../i18n/message.js';
import type { FilterFault, RelOp, Token } from './lexer.js';

/** A word or quoted string as written. */
export interface Atom {
  readonly t: 'atom';
  readonly text: string;
  readonly quoted: boolean;
  readonly start: number;
  readonly end: number;
}

/** A value: an atom, optionally masked (`tcp.flags & 0x02`). */
export interface ValueNode {
  readonly t: 'value';
  readonly atom: Atom;
  readonly mask?: Atom;
  readonly start: number;
  readonly end: number;
}

export interface SetElement {
  readonly low: Atom;
  /** The upper bound of a range `low..high`. */
  readonly high?: Atom;
}

export type TestNode =
  | { readonly t: 'exists'; readonly value: ValueNode }
  | { readonly t: 'compare'; readonly op: RelOp; readonly opText: string; readonly opStart: number; readonly left: ValueNode; readonly right: ValueNode }
  | { readonly t: 'in'; readonly negated: boolean; readonly opStart: number; readonly left: ValueNode; readonly set: readonly SetElement[] }
  | { readonly t: 'contains'; readonly opStart: number; readonly left: ValueNode; readonly right: ValueNode };

export type ExprNode =
  | { readonly t: 'and' | 'or'; readonly left: ExprNode; readonly right: ExprNode }
  | { readonly t: 'not'; readonly expr: ExprNode }
  | { readonly t: 'test'; readonly test: TestNode };

class Parser {
  private pos = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  peek(): Token {
    return this.tokens[this.pos] as Token;
  }

  next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  fault(t: Token): FilterFault {
    return t.kind === 'eof'
      ? { offset: t.start, msg: msg('filter.error.unexpectedEnd') }
      : { offset: t.start, msg: msg('filter.error.unexpected', { token: t.text }) };
  }

  expr(): ExprNode | FilterFault {
    let left = this.andExpr();
    if ('offset' in left) return left;
    while (this.peek().kind === 'or') {
      this.next();
      const right = this.andExpr();
      if ('offset' in right) return right;
      left = { t: 'or', left, right };
    }
    return left;
  }

  andExpr(): ExprNode | FilterFault {
    let left = this.notExpr();
    if ('offset' in left) return left;
    while (this.peek().kind === 'and') {
      this.next();
      const right = this.notExpr();
      if ('offset' in right) return right;
      left = { t: 'and', left, right };
    }
    return left;
  }

  notExpr(): ExprNode | FilterFault {
    if (this.peek().kind === 'not') {
      this.next();
      const e = this.notExpr();
      return 'offset' in e ? e : { t: 'not', expr: e };
    }
    return this.primary();
  }

  primary(): ExprNode | FilterFault {
    const t = this.peek();
    if (t.kind === 'lparen') {
      this.next();
      const e = this.expr();
      if ('offset' in e) return e;
      const close = this.next();
      return close.kind === 'rparen' ? e : this.fault(close);
    }
    const test = this.test();
    return 'offset' in test ? test : { t: 'test', test };
  }

  atom(): Atom | FilterFault {
    const t = this.next();
    if (t.kind === 'word') return { t: 'atom', text: t.text, quoted: false, start: t.start, end: t.end };
    if (t.kind === 'string') return { t: 'atom', text: t.value ?? '', quoted: true, start: t.start, end: t.end };
    return this.fault(t);
  }

  value(): ValueNode | FilterFault {
    const atom = this.atom();
    if ('offset' in atom) return atom;
    if (this.peek().kind !== 'bitand') return { t: 'value', atom, start: atom.start, end: atom.end };
    this.next();
    const mask = this.atom();
    if ('offset' in mask) return mask;
    return { t: 'value', atom, mask, start: atom.start, end: mask.end };
  }

  set(): SetElement[] | FilterFault {
    const open = this.next();
    if (open.kind !== 'lbrace') return this.fault(open);
    const elements: SetElement[] = [];
    for (;;) {
      const low = this.atom();
      if ('offset' in low) return low;
      let element: SetElement = { low };
      if (this.peek().kind === 'range') {
        this.next();
        const high = this.atom();
        if ('offset' in high) return high;
        element = { low, high };
      }
      elements.push(element);
      const sep = this.next();
      if (sep.kind === 'rbrace') return elements;
      if (sep.kind === 'comma') continue;
      if (sep.kind === 'word' || sep.kind === 'string') return { offset: sep.start, msg: msg('filter.error.setComma', { token: sep.text }) };
      return this.fault(sep);
    }
  }

  test(): TestNode | FilterFault {
    const left = this.value();
    if ('offset' in left) return left;
    const t = this.peek();
    if (t.kind === 'relop') {
      this.next();
      const right = this.value();
      if ('offset' in right) return right;
      return { t: 'compare', op: t.op as RelOp, opText: t.text, opStart: t.start, left, right };
    }
    if (t.kind === 'in') {
      this.next();
      const set = this.set();
      return 'offset' in set ? set : { t: 'in', negated: false, opStart: t.start, left, set };
    }
    if (t.kind === 'not' && this.tokens[this.pos + 1]?.kind === 'in') {
      this.next();
      this.next();
      const set = this.set();
      return 'offset' in set ? set : { t: 'in', negated: true, opStart: t.start, left, set };
    }
    if (t.kind === 'contains') {
      this.next();
      const right = this.value();
      if ('offset' in right) return right;
      return { t: 'contains', opStart: t.start, left, right };
    }
    return { t: 'exists', value: left };
  }

  parse(): ExprNode | FilterFault {
    const e = this.expr();
    if ('offset' in e) return e;
    const rest = this.peek();
    return rest.kind === 'eof' ? e : this.fault(rest);
  }
}

/** Parses a token list (from tokenize) into an expression tree, or the first fault. */
export function parse(tokens: readonly Token[]): ExprNode | FilterFault {
  return new Parser(tokens).parse();
}
