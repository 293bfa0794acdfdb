/**
 * Turns a parsed display filter into a closure over frames, checking names and types first
 * (Wireshark 4.0 dfilter semcheck.c semantics). A field may occur several times in a frame
 * (ip.src under IPIP, ip.addr, tcp.port, tcp.option_kind, a quoted packet in an ICMP error):
 * `==`, `<`, `>`, `<=`, `>=`, `!==`/`any_ne` and `contains` hold if ANY occurrence satisfies
 * them; `!=` holds if the field is present and ALL occurrences differ (so `a != b` equals
 * `!(a == b)`, except for a missing field: then `a != b` is false and `!(a == b)` true);
 * `===`/`all_eq` needs every occurrence equal; `in` is any-of and `not in` its negation (true
 * for a missing field).
 * Every closure is built here, once: evaluating a frame allocates nothing unless a field is
 * compared with another field.
 */
import { assertNever } from '../../assert-never.js';
import { msg } from '../../i18n/message.js';
import type { EthernetFrame } from '../../net/wire/packet.js';
import { anyOccurrence, fieldDef, fieldNames, occurrences, UNSUPPORTED, type FieldDef, type Scalar } from './fields.js';
import type { FilterFault, RelOp } from './lexer.js';
import { parseLiteral, type Literal } from './literals.js';
import type { Atom, ExprNode, SetElement, TestNode, ValueNode } from './parser.js';
import { nearest } from './suggest.js';

/** A compiled predicate over frames. */
export type Pred = (frame: EthernetFrame) => boolean;

/** A value test over one occurrence. */
type Test = (v: Scalar) => boolean;

/** Words shaped like a field or protocol name (a letter, then name characters, dot-separated). */
const FIELD_LIKE = /^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/;

function faultAt(offset: number, id: string, params?: Record<string, string | number>): FilterFault {
  return { offset, msg: msg(id, params) };
}

/** The error for a word that names no field: unsupported, or unknown with a suggestion. */
function unknownField(a: Atom): FilterFault {
  const why = UNSUPPORTED.get(a.text) ?? (a.text.startsWith('tcp.analysis.') ? UNSUPPORTED.get('tcp.analysis') : undefined);
  if (why !== undefined) return faultAt(a.start, why, { name: a.text });
  const suggestion = nearest(a.text, fieldNames());
  return suggestion === undefined
    ? faultAt(a.start, 'filter.error.unknownField', { name: a.text })
    : faultAt(a.start, 'filter.error.unknownFieldSuggest', { name: a.text, suggestion });
}

/** The field an atom names, or undefined when it is a literal (quoted, or not a known name). */
function asField(a: Atom): FieldDef | undefined {
  return a.quoted ? undefined : fieldDef(a.text);
}

function compareBytes(x: Uint8Array, y: Uint8Array): number {
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  return x.length - y.length;
}

/** Three-way comparison of two values of the same kind. */
function compareScalars(x: Scalar, y: Scalar): number {
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (typeof x === 'string' && typeof y === 'string') return x < y ? -1 : x > y ? 1 : 0;
  if (x instanceof Uint8Array && y instanceof Uint8Array) return compareBytes(x, y);
  return Number.NaN;
}

function relHolds(op: RelOp, c: number): boolean {
  switch (op) {
    case 'eq':
    case 'all_eq':
      return c === 0;
    case 'ne':
    case 'any_ne':
      return c !== 0;
    case 'lt':
      return c < 0;
    case 'gt':
      return c > 0;
    case 'le':
      return c <= 0;
    case 'ge':
      return c >= 0;
    default:
      return assertNever(op);
  }
}

/** The field without its value names (a masked value is compared as a plain number). */
function withoutNames(def: FieldDef): FieldDef {
  const { names: _names, ...rest } = def;
  return rest;
}

/** A field reference, with the mask of `field & mask` applied to every occurrence. */
interface FieldRef {
  readonly def: FieldDef;
  readonly atom: Atom;
  /** Maps an occurrence before testing (the bitwise mask), or undefined. */
  readonly map: ((v: Scalar) => Scalar) | undefined;
}

function resolveField(v: ValueNode): FieldRef | FilterFault {
  const def = asField(v.atom);
  if (def === undefined) {
    if (v.atom.quoted || !FIELD_LIKE.test(v.atom.text)) return faultAt(v.atom.start, 'filter.error.notAField', { text: v.atom.text });
    return unknownField(v.atom);
  }
  if (v.mask === undefined) return { def, atom: v.atom, map: undefined };
  if (def.kind !== 'uint' && def.kind !== 'ipv4') return faultAt(v.atom.start, 'filter.error.bitand', { name: def.name });
  const m = parseLiteral(def, v.mask, false);
  if ('offset' in m) return m;
  if (m.t !== 'number') return faultAt(v.mask.start, 'filter.error.badNumber', { text: v.mask.text, name: def.name });
  const mask = m.value;
  return { def, atom: v.atom, map: (x) => ((x as number) & mask) >>> 0 };
}

/** "Some occurrence passes `test`", the mask applied first. */
function anyOf(ref: FieldRef, test: Test): Pred {
  const map = ref.map;
  return anyOccurrence(ref.def, map === undefined ? test : (v) => test(map(v)));
}

/** The test "occurrence equals literal" (a CIDR network: occurrence inside it). */
function equalsLiteral(lit: Literal): Test {
  switch (lit.t) {
    case 'number': {
      const n = lit.value;
      return (v) => v === n;
    }
    case 'net': {
      const { net, mask } = lit;
      return (v) => ((v as number) & mask) >>> 0 === net;
    }
    case 'string': {
      const s = lit.value;
      return (v) => v === s;
    }
    case 'bytes': {
      const bytes = lit.value;
      return (v) => v instanceof Uint8Array && compareBytes(v, bytes) === 0;
    }
    default:
      return assertNever(lit);
  }
}

function literalScalar(lit: Literal): Scalar {
  switch (lit.t) {
    case 'number':
      return lit.value;
    case 'net':
      return lit.net;
    case 'string':
      return lit.value;
    case 'bytes':
      return lit.value;
    default:
      return assertNever(lit);
  }
}

/** Combines "some occurrence is equal" / "some differs" into the operator's semantics. */
function byOperator(op: RelOp, ref: FieldRef, eq: Test, order: (v: Scalar) => number): Pred {
  const present = anyOf(ref, () => true);
  switch (op) {
    case 'eq':
      return anyOf(ref, eq);
    case 'ne': {
      const someEqual = anyOf(ref, eq);
      return (f) => present(f) && !someEqual(f);
    }
    case 'any_ne':
      return anyOf(ref, (v) => !eq(v));
    case 'all_eq': {
      const someDiffers = anyOf(ref, (v) => !eq(v));
      return (f) => present(f) && !someDiffers(f);
    }
    case 'lt':
    case 'gt':
    case 'le':
    case 'ge':
      return anyOf(ref, (v) => relHolds(op, order(v)));
    default:
      return assertNever(op);
  }
}

function compileFieldVsField(op: RelOp, left: FieldRef, right: FieldRef): Pred {
  const values = (ref: FieldRef, f: EthernetFrame): Scalar[] => {
    const vs = occurrences(ref.def, f);
    return ref.map === undefined ? vs : vs.map(ref.map);
  };
  return (f) => {
    const ls = values(left, f);
    const rs = values(right, f);
    if (ls.length === 0 || rs.length === 0) return false;
    const pairs = (p: (c: number) => boolean): boolean => ls.some((l) => rs.some((r) => p(compareScalars(l, r))));
    switch (op) {
      case 'ne':
        return !pairs((c) => c === 0);
      case 'all_eq':
        return !pairs((c) => c !== 0);
      default:
        return pairs((c) => relHolds(op, c));
    }
  };
}

function kindsCompatible(a: FieldDef, b: FieldDef): boolean {
  return a.kind === b.kind && a.kind !== 'none';
}

function compileCompare(t: Extract<TestNode, { t: 'compare' }>): Pred | FilterFault {
  const la = t.left.atom;
  if (asField(la) === undefined && (la.quoted || !FIELD_LIKE.test(la.text))) {
    return faultAt(la.start, 'filter.error.lhsNotField', { op: t.opText, text: la.quoted ? `"${la.text}"` : la.text });
  }
  const left = resolveField(t.left);
  if ('offset' in left) return left;
  const def = left.def;
  if (def.kind === 'none') return faultAt(t.left.atom.start, 'filter.error.presenceOnly', { name: def.name });
  const rightField = asField(t.right.atom);
  if (rightField !== undefined) {
    const right = resolveField(t.right);
    if ('offset' in right) return right;
    if (!kindsCompatible(def, right.def)) {
      const id = isValueName(def, t.right.atom) ? 'filter.error.incompatibleQuote' : 'filter.error.incompatible';
      return faultAt(t.right.atom.start, id, { left: def.name, right: right.def.name });
    }
    return compileFieldVsField(t.op, left, right);
  }
  if (t.right.mask !== undefined) return faultAt(t.right.atom.start, 'filter.error.notAField', { text: t.right.atom.text });
  const ordering = t.op === 'lt' || t.op === 'gt' || t.op === 'le' || t.op === 'ge';
  const lit = parseLiteral(left.map === undefined ? def : withoutNames(def), t.right.atom, !ordering);
  if ('offset' in lit) return literalOrFieldFault(lit, t.right.atom);
  const eq = equalsLiteral(lit);
  const ref = literalScalar(lit);
  return byOperator(t.op, left, eq, (v) => compareScalars(v, ref));
}

/** For `ip.proto == tcp`: whether the word is also one of the field's value names (then it must be quoted). */
function isValueName(def: FieldDef, a: Atom): boolean {
  if (def.names === undefined) return false;
  for (const name of def.names.values()) if (name.toLowerCase() === a.text.toLowerCase()) return true;
  return false;
}

/** A literal that failed to parse but looks like a misspelt field name gets the field error. */
function literalOrFieldFault(f: FilterFault, a: Atom): FilterFault {
  if (!a.quoted && /^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)+$/.test(a.text) && !/^[0-9a-fA-F.:-]+$/.test(a.text)) return unknownField(a);
  return f;
}

function compileIn(t: Extract<TestNode, { t: 'in' }>): Pred | FilterFault {
  const left = resolveField(t.left);
  if ('offset' in left) return left;
  const def = left.map === undefined ? left.def : withoutNames(left.def);
  if (def.kind === 'none') return faultAt(t.left.atom.start, 'filter.error.presenceOnly', { name: def.name });
  const tests: Test[] = [];
  for (const el of t.set as readonly SetElement[]) {
    const low = parseLiteral(def, el.low, el.high === undefined);
    if ('offset' in low) return literalOrFieldFault(low, el.low);
    if (el.high === undefined) {
      tests.push(equalsLiteral(low));
      continue;
    }
    const high = parseLiteral(def, el.high, false);
    if ('offset' in high) return literalOrFieldFault(high, el.high);
    const lo = literalScalar(low);
    const hi = literalScalar(high);
    tests.push((v) => compareScalars(v, lo) >= 0 && compareScalars(v, hi) <= 0);
  }
  const member = anyOf(left, (v) => tests.some((test) => test(v)));
  return t.negated ? (f) => !member(f) : member;
}

function contains(hay: Scalar, needle: Scalar): boolean {
  if (typeof hay === 'string' && typeof needle === 'string') return hay.includes(needle);
  if (hay instanceof Uint8Array && needle instanceof Uint8Array) {
    outer: for (let i = 0; i + needle.length <= hay.length; i++) {
      for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
      return true;
    }
  }
  return false;
}

function compileContains(t: Extract<TestNode, { t: 'contains' }>): Pred | FilterFault {
  const left = resolveField(t.left);
  if ('offset' in left) return left;
  const def = left.def;
  if (def.kind !== 'string' && def.kind !== 'bytes') return faultAt(t.left.atom.start, 'filter.error.contains', { name: def.name });
  const lit = parseLiteral(def, t.right.atom, false);
  if ('offset' in lit) return lit;
  const needle = literalScalar(lit);
  return anyOf(left, (v) => contains(v, needle));
}

function compileTest(t: TestNode): Pred | FilterFault {
  switch (t.t) {
    case 'exists': {
      const ref = resolveField(t.value);
      if ('offset' in ref) return ref;
      return ref.map === undefined ? anyOf(ref, () => true) : anyOf(ref, (v) => v !== 0);
    }
    case 'compare':
      return compileCompare(t);
    case 'in':
      return compileIn(t);
    case 'contains':
      return compileContains(t);
    default:
      return assertNever(t);
  }
}

/** Compiles an expression tree to a predicate, or the first semantic fault. */
export function compileExpr(e: ExprNode): Pred | FilterFault {
  switch (e.t) {
    case 'and':
    case 'or': {
      const l = compileExpr(e.left);
      if (typeof l !== 'function') return l;
      const r = compileExpr(e.right);
      if (typeof r !== 'function') return r;
      return e.t === 'and' ? (f) => l(f) && r(f) : (f) => l(f) || r(f);
    }
    case 'not': {
      const inner = compileExpr(e.expr);
      return typeof inner === 'function' ? (f) => !inner(f) : inner;
    }
    case 'test':
      return compileTest(e.test);
    default:
      return assertNever(e);
  }
}
