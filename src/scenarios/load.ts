/**
 * YAML text in, a typed Scenario (or every problem, as file:line:col: message) out. The stages:
 * YAML syntax (yaml's own errors, positioned), duplicate keys, the format version, the zod
 * schema (each issue mapped back to the offending key or character, unknown keys with the
 * nearest valid one), then the references between parts: host and segment names, interfaces
 * named by commands, placeholders. The result keeps the parsed document so that later stages
 * (building the lab, running checks) can blame any node by its YAML path.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type * as z from 'zod';
import { msg, type Msg, type MsgParam } from '../i18n/message.js';
import { hasMessage, language, type Lang } from '../i18n/index.js';
import { localizeTexts, pathKey } from './local-text.js';
import { describe, describeType } from './describe.js';
import { scenarioError, sortErrors, type ScenarioError, type SourcePos } from './errors.js';
import { SourceMap, type PathSeg } from './source.js';
import { scenarioSchema, type IssueParams, type Scenario } from './schema.js';
import { nearest } from '../did-you-mean.js';
import { configuredAddresses, findPlaceholders, hostVip, placeholderRef } from './placeholders.js';
import type { CommandScript, DevRef } from './commands/types.js';

export type { ScenarioError, SourcePos } from './errors.js';
export type { PathSeg } from './source.js';

/** A loaded scenario: the typed value plus positions for everything in it. */
export interface LoadedScenario {
  readonly file: string;
  readonly text: string;
  readonly scenario: Scenario;
  /**
   * The position of the value at a YAML path (keys and list indexes as written in the file, e.g.
   * `['hosts', 'rs1', 'setup']`), or of character `at` inside that string value (a command's
   * `offset`, a token's `argCols[i]`), or of a 1-based line/column inside it (for a parser of
   * embedded text such as keepalived.conf). A path that does not exist gives its deepest part.
   */
  pos(path: readonly PathSeg[], at?: number | SourcePos): SourcePos;
  /** The position of the key of a map entry (`['hosts', 'rs1']` → where `rs1:` is written). */
  keyPos(path: readonly PathSeg[]): SourcePos;
  /** A ScenarioError at `pos(path, at)`. */
  error(path: readonly PathSeg[], m: Msg, at?: number | SourcePos): ScenarioError;
}

/**
 * `warnings`: texts of a lab that has begun to be translated that lack their zh-CN version (they
 * show in English); `lvslab validate` prints them.
 */
export type LoadResult =
  | { readonly ok: true; readonly scenario: LoadedScenario; readonly warnings: readonly ScenarioError[] }
  | { readonly ok: false; readonly errors: ScenarioError[] };

export interface LoadOptions {
  /** The language of the lab's texts (local-text.ts); default: the language the command line set. */
  readonly lang?: Lang;
}

/** Loads a scenario from its text; `file` is the name used in positions. */
export function loadScenario(text: string, file: string, opts: LoadOptions = {}): LoadResult {
  const nul = text.indexOf('\0');
  if (nul >= 0) return { ok: false, errors: [scenarioError(file, lineColOf(text, nul), msg('scenario.file.binary'))] };
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, keepSourceTokens: true, uniqueKeys: false, prettyErrors: false });
  const sm = new SourceMap(text, doc, lines);
  const at = (offset: number, m: Msg): ScenarioError => scenarioError(file, sm.pos(offset), m);
  // A text given in several languages is blamed inside the language the lab was loaded in.
  let used: ReadonlyMap<string, Lang> = new Map();
  const inText = (path: readonly PathSeg[]): readonly PathSeg[] => {
    if (used.size === 0) return path;
    for (let n = path.length; n >= 1; n--) {
      const l = used.get(pathKey(path.slice(0, n)));
      if (l !== undefined) return [...path.slice(0, n), l, ...path.slice(n)];
    }
    return path;
  };
  const atPath = (path: readonly PathSeg[], m: Msg, opts: { atKey?: boolean; at?: number } = {}): ScenarioError =>
    scenarioError(file, sm.pos(sm.offset(inText(path), opts)), m);

  // One syntax error: after the first, YAML's parser reports the confusion that follows from it.
  const firstSyntax = sortErrors([...doc.errors, ...doc.warnings].map((e) => at(e.pos[0], msg('scenario.yaml.syntax', { detail: firstLine(e.message) }))))[0];
  if (firstSyntax !== undefined) return { ok: false, errors: [firstSyntax] };

  const dups = duplicateKeys(doc.contents as Node | null, [], sm, file);
  if (dups.length > 0) return { ok: false, errors: sortErrors(dups) };

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    return { ok: false, errors: [at(0, msg('scenario.yaml.syntax', { detail: e instanceof Error ? e.message : String(e) }))] };
  }
  if (raw === null || raw === undefined) return { ok: false, errors: [at(0, msg('scenario.empty'))] };
  if (!isRecord(raw)) return { ok: false, errors: [atPath([], msg('scenario.root.notMap'))] };
  if (!Object.hasOwn(raw, 'lvslab')) return { ok: false, errors: [atPath([], msg('scenario.version.missing'))] };
  if (raw['lvslab'] !== 1) return { ok: false, errors: [atPath(['lvslab'], msg('scenario.version.bad', { got: describe(raw['lvslab']) }))] };

  const local = localizeTexts(raw, opts.lang ?? language());
  if (local.errors.length > 0) return { ok: false, errors: sortErrors(local.errors.map((e) => atPath(e.path, e.msg, e.atKey === true ? { atKey: true } : {}))) };
  used = local.used;

  const errors: ScenarioError[] = [];
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) errors.push(...issueErrors(parsed.error.issues, raw, atPath));
  errors.push(...referenceErrors(raw, atPath));
  if (parsed.success && errors.length === 0) errors.push(...typedErrors(parsed.data, atPath));
  if (errors.length > 0 || !parsed.success) return { ok: false, errors: sortErrors(errors) };

  const loaded: LoadedScenario = {
    file,
    text,
    scenario: parsed.data,
    pos: (path, where) => sm.pos(sm.offset(inText(path), where === undefined ? {} : { at: where })),
    keyPos: (path) => sm.pos(sm.offset(path, { atKey: true })),
    error: (path, m, where) => scenarioError(file, sm.pos(sm.offset(inText(path), where === undefined ? {} : { at: where })), m),
  };
  return { ok: true, scenario: loaded, warnings: sortErrors(local.untranslated.map((w) => atPath(w.path, w.msg))) };
}

type AtPath = (path: readonly PathSeg[], m: Msg, opts?: { atKey?: boolean; at?: number }) => ScenarioError;

/** The first line of a parser message, cut to a readable length (a token it quotes may be long). */
function firstLine(s: string): string {
  const nl = s.indexOf('\n');
  const line = (nl < 0 ? s : s.slice(0, nl)).replace(/:$/, '');
  return line.length > MAX_DETAIL ? `${line.slice(0, MAX_DETAIL - 1)}…` : line;
}

const MAX_DETAIL = 120;

/** 1-based line and column of a character offset. */
function lineColOf(text: string, offset: number): SourcePos {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, col: offset - start + 1 };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A value as an error message shows it. */

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = raw;
  for (const seg of path) {
    if (Array.isArray(cur) && typeof seg === 'number') cur = cur[seg];
    else if (isRecord(cur) && typeof seg === 'string' && Object.hasOwn(cur, seg)) cur = cur[seg];
    else return undefined;
  }
  return cur;
}

// ---------------------------------------------------------------------------------------------
// Duplicate keys

function duplicateKeys(node: Node | null, path: PathSeg[], sm: SourceMap, file: string): ScenarioError[] {
  const out: ScenarioError[] = [];
  if (isMap(node)) {
    const seen = new Map<string, number>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = pair.key as Node | null;
      if (!isScalar(key)) {
        if (key !== null && key.range != null) out.push(scenarioError(file, sm.pos(key.range[0]), msg('scenario.yaml.complexKey')));
        continue;
      }
      const name = String(key.value);
      const first = seen.get(name);
      const start = key.range?.[0] ?? 0;
      if (first !== undefined) {
        const line = sm.pos(first).line;
        const id = path.length === 1 && path[0] === 'hosts' ? 'scenario.host.duplicate' : 'scenario.yaml.duplicateKey';
        out.push(scenarioError(file, sm.pos(start), msg(id, { key: name, line })));
      } else seen.set(name, start);
      out.push(...duplicateKeys(pair.value as Node | null, [...path, name], sm, file));
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => out.push(...duplicateKeys(item as Node | null, [...path, i], sm, file)));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Schema issues

interface AnyDef {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly options?: readonly z.ZodType[];
}

function defOf(s: z.ZodType): AnyDef {
  return (s as unknown as { _zod: { def: AnyDef } })._zod.def;
}

/** The schemas a value may be checked against, through optional/default/pipe/union wrappers. */
function unwrap(s: z.ZodType): z.ZodType[] {
  const d = defOf(s);
  if (d.innerType !== undefined) return unwrap(d.innerType);
  if (d.type === 'pipe' && d.in !== undefined) return unwrap(d.in);
  if (d.type === 'union' && d.options !== undefined) return d.options.flatMap(unwrap);
  return [s];
}

/** The keys allowed in the object at `path`, read from the schema itself. */
function keysAt(path: readonly PropertyKey[]): string[] {
  let cur = unwrap(scenarioSchema as unknown as z.ZodType);
  for (const seg of path) {
    const next: z.ZodType[] = [];
    for (const s of cur) {
      const d = defOf(s);
      if (d.type === 'object' && typeof seg === 'string' && d.shape !== undefined && Object.hasOwn(d.shape, seg)) next.push(...unwrap(d.shape[seg] as z.ZodType));
      else if (d.type === 'record' && d.valueType !== undefined) next.push(...unwrap(d.valueType));
      else if (d.type === 'array' && typeof seg === 'number' && d.element !== undefined) next.push(...unwrap(d.element));
    }
    cur = next;
  }
  const keys = new Set<string>();
  for (const s of cur) {
    const d = defOf(s);
    if (d.type === 'object' && d.shape !== undefined) for (const k of Object.keys(d.shape)) keys.add(k);
  }
  return [...keys];
}

function samePath(a: readonly PropertyKey[], b: readonly PropertyKey[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

function toPath(p: readonly PropertyKey[]): PathSeg[] {
  return p.map((s) => (typeof s === 'number' ? s : String(s)));
}

function issueErrors(issues: readonly z.core.$ZodIssue[], raw: unknown, atPath: AtPath): ScenarioError[] {
  const out: ScenarioError[] = [];
  const unknownAt = issues.filter((i) => i.code === 'unrecognized_keys').map((i) => i.path);
  for (const iss of issues) {
    const path = toPath(iss.path);
    const last = path[path.length - 1];
    const keyName = last === undefined ? '' : String(last);
    switch (iss.code) {
      case 'unrecognized_keys': {
        const allowed = keysAt(iss.path);
        for (const k of iss.keys) {
          const guess = nearest(k, allowed);
          const m = guess === undefined
            ? msg('scenario.schema.unknownKey', { key: k, allowed: allowed.join(', ') })
            : msg('scenario.schema.unknownKeyDidYouMean', { key: k, suggestion: guess });
          out.push(atPath([...path, k], m, { atKey: true }));
        }
        break;
      }
      case 'invalid_key': {
        const inner = iss.issues[0];
        const id = inner !== undefined && inner.message.startsWith('scenario.') ? inner.message : 'scenario.schema.badKey';
        out.push(atPath(path, msg(id, { name: keyName }), { atKey: true }));
        break;
      }
      case 'custom': {
        const params = (iss.params ?? {}) as IssueParams;
        if (params.shape === true && unknownAt.some((p) => samePath(p, iss.path))) break;
        // Messages are ids of any layer's catalog (a here-document error comes from the ipvs layer).
        const m = hasMessage(iss.message) ? msg(iss.message, params.msgParams) : msg('scenario.schema.invalid', { detail: iss.message });
        out.push(atPath(path, m, { ...(params.atKey === true ? { atKey: true } : {}), ...(params.offset !== undefined ? { at: params.offset } : {}) }));
        break;
      }
      default: {
        const value = valueAt(raw, iss.path);
        if (value === undefined) {
          out.push(atPath(path, msg('scenario.schema.missing', { key: keyName })));
          break;
        }
        const got = describe(value);
        if (iss.message.startsWith('scenario.')) {
          out.push(atPath(path, msg(iss.message, { got, key: keyName })));
          break;
        }
        out.push(atPath(path, genericMessage(iss, got)));
      }
    }
  }
  return out;
}

function genericMessage(iss: z.core.$ZodIssue, got: MsgParam): Msg {
  switch (iss.code) {
    case 'invalid_type':
      return msg('scenario.schema.type', { expected: describeType(iss.expected), got });
    case 'invalid_value':
      return msg('scenario.schema.oneOf', { values: iss.values.map((v) => String(v)).join(', '), got });
    case 'too_small':
      return iss.origin === 'array' ? msg('scenario.schema.tooFew', { min: Number(iss.minimum) }) : msg('scenario.schema.empty');
    default:
      return msg('scenario.schema.invalid', { detail: iss.message });
  }
}

// ---------------------------------------------------------------------------------------------
// Names: hosts and segments

function referenceErrors(raw: Record<string, unknown>, atPath: AtPath): ScenarioError[] {
  const out: ScenarioError[] = [];
  const hosts = isRecord(raw['hosts']) ? Object.keys(raw['hosts']) : [];
  const segments: string[] = [];
  const segList = raw['segments'];
  if (Array.isArray(segList)) {
    segList.forEach((s, i) => {
      if (!isRecord(s) || typeof s['name'] !== 'string') return;
      const name = s['name'];
      if (segments.includes(name)) out.push(atPath(['segments', i, 'name'], msg('scenario.segment.duplicate', { name })));
      else segments.push(name);
    });
  }
  const check = (path: PathSeg[], kind: 'host' | 'segment'): void => {
    const v = valueAt(raw, path);
    if (typeof v !== 'string') return;
    const known = kind === 'host' ? hosts : segments;
    if (known.includes(v)) return;
    const guess = nearest(v, known);
    const m = guess === undefined
      ? msg(kind === 'host' ? 'scenario.ref.unknownHost' : 'scenario.ref.unknownSegment', { name: v, known: known.length > 0 ? known.join(', ') : 'none' })
      : msg(kind === 'host' ? 'scenario.ref.unknownHostDidYouMean' : 'scenario.ref.unknownSegmentDidYouMean', { name: v, suggestion: guess });
    out.push(atPath(path, m));
  };
  for (const h of hosts) {
    const ifaces = valueAt(raw, ['hosts', h, 'interfaces']);
    if (!isRecord(ifaces)) continue;
    for (const name of Object.keys(ifaces)) {
      if (name === 'lo' && isRecord(ifaces[name]) && Object.hasOwn(ifaces[name], 'segment')) {
        out.push(atPath(['hosts', h, 'interfaces', name, 'segment'], msg('scenario.iface.loSegment'), { atKey: true }));
        continue;
      }
      check(['hosts', h, 'interfaces', name, 'segment'], 'segment');
    }
  }
  const each = (key: string, fn: (i: number) => void): void => {
    const list = raw[key];
    if (Array.isArray(list)) list.forEach((_, i) => fn(i));
  };
  each('traffic', (i) => check(['traffic', i, 'from'], 'host'));
  each('events', (i) => {
    for (const k of ['on', 'crash', 'restart']) check(['events', i, k], 'host');
    check(['events', i, 'block', 'segment'], 'segment');
  });
  each('checkpoints', (i) => {
    const ex = valueAt(raw, ['checkpoints', i, 'expect']);
    if (!Array.isArray(ex)) return;
    ex.forEach((_, j) => {
      check(['checkpoints', i, 'expect', j, 'on'], 'host');
      check(['checkpoints', i, 'expect', j, 'segment'], 'segment');
    });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Interfaces named by commands, placeholders, ports

function typedErrors(s: Scenario, atPath: AtPath): ScenarioError[] {
  const out: ScenarioError[] = [];
  const devsOf = new Map<string, string[]>();
  for (const [name, host] of Object.entries(s.hosts)) {
    const scripts: CommandScript[] = [];
    if (host.setup !== undefined) scripts.push(host.setup);
    for (const e of s.events) if (e.kind === 'run' && e.on === name) scripts.push(e.run);
    for (const c of s.checkpoints) for (const x of c.expect) if (x.kind === 'command' && x.on === name) scripts.push(x.run);
    const ipip = scripts.some((sc) => sc.commands.some((c) => c.command.kind === 'modprobe' && c.command.module === 'ipip' && !c.command.remove));
    devsOf.set(name, [...Object.keys(host.interfaces).filter((n) => n !== 'lo'), 'lo', ...(ipip ? ['tunl0'] : [])]);
  }
  const checkRefs = (host: string, refs: readonly DevRef[], path: PathSeg[]): void => {
    const known = devsOf.get(host) ?? [];
    for (const r of refs) {
      if (known.includes(r.name)) continue;
      const guess = nearest(r.name, known);
      const m = guess === undefined
        ? msg('scenario.dev.unknown', { name: r.name, host, known: known.join(', ') })
        : msg('scenario.dev.unknownDidYouMean', { name: r.name, host, suggestion: guess });
      out.push(atPath(path, m, { at: r.offset }));
    }
  };
  const checkScript = (host: string, sc: CommandScript, path: PathSeg[]): void => {
    for (const c of sc.commands) checkRefs(host, c.command.devRefs, path);
  };

  for (const [name, host] of Object.entries(s.hosts)) {
    const hp: PathSeg[] = ['hosts', name];
    if (host.setup !== undefined) checkScript(name, host.setup, [...hp, 'setup']);
    host.routes.forEach((r, i) => checkRefs(name, r.devRefs, [...hp, 'routes', i]));
    for (const st of host.sysctl) {
      if (st.dev !== undefined && !(devsOf.get(name) ?? []).includes(st.dev)) {
        const known = devsOf.get(name) ?? [];
        const guess = nearest(st.dev, known);
        out.push(atPath([...hp, 'sysctl', st.yamlKey], guess === undefined
          ? msg('scenario.dev.unknown', { name: st.dev, host: name, known: known.join(', ') })
          : msg('scenario.dev.unknownDidYouMean', { name: st.dev, host: name, suggestion: guess }), { atKey: true }));
      }
    }
    const ports = new Set<number>();
    host.apps.forEach((a, i) => {
      if (ports.has(a.port)) out.push(atPath([...hp, 'apps', i], msg('scenario.app.portTaken', { port: a.port, host: name })));
      ports.add(a.port);
    });
  }
  s.events.forEach((e, i) => {
    if (e.kind === 'run') checkScript(e.on, e.run, ['events', i, 'run']);
  });

  const hostNames = Object.keys(s.hosts);
  const checkText = (value: string | undefined, path: PathSeg[]): void => {
    if (value === undefined) return;
    const found = findPlaceholders(value);
    for (const e of found.errors) out.push(atPath(path, e.msg, { at: e.offset }));
    for (const p of found.placeholders) {
      const ref = placeholderRef(p.path);
      const hostAt = p.offset + p.text.indexOf(p.path[0] as string);
      if (ref === undefined) {
        out.push(atPath(path, msg('scenario.placeholder.unknownForm', { text: p.text }), { at: p.offset }));
        continue;
      }
      const host = Object.hasOwn(s.hosts, ref.host) ? s.hosts[ref.host] : undefined;
      if (host === undefined) {
        const guess = nearest(ref.host, hostNames);
        out.push(atPath(path, guess === undefined
          ? msg('scenario.ref.unknownHost', { name: ref.host, known: hostNames.join(', ') })
          : msg('scenario.ref.unknownHostDidYouMean', { name: ref.host, suggestion: guess }), { at: hostAt }));
        continue;
      }
      const ifaceAt = hostAt + ref.host.length + 1;
      if (ref.kind === 'vip') {
        if (hostVip(host) === undefined) out.push(atPath(path, msg('scenario.placeholder.noVip', { host: ref.host }), { at: p.offset }));
      } else if (ref.kind === 'mac') {
        const known = Object.keys(host.interfaces).filter((n) => n !== 'lo');
        if (!known.includes(ref.iface)) {
          const guess = nearest(ref.iface, known);
          out.push(atPath(path, guess === undefined
            ? msg('scenario.dev.unknown', { name: ref.iface, host: ref.host, known: known.join(', ') })
            : msg('scenario.dev.unknownDidYouMean', { name: ref.iface, host: ref.host, suggestion: guess }), { at: ifaceAt }));
        }
      } else {
        const addrs = configuredAddresses(host);
        if (!addrs.has(ref.iface)) out.push(atPath(path, msg('scenario.placeholder.noAddress', { host: ref.host, iface: ref.iface }), { at: ifaceAt }));
      }
    }
  };
  s.checkpoints.forEach((c, i) => {
    const cp: PathSeg[] = ['checkpoints', i];
    checkText(c.title, [...cp, 'title']);
    checkText(c.say, [...cp, 'say']);
    c.expect.forEach((x, j) => {
      const xp: PathSeg[] = [...cp, 'expect', j];
      if (x.kind === 'frames') checkText(x.frames, [...xp, 'frames']);
      else {
        checkScript(x.on, x.run, [...xp, 'run']);
        checkText(x.contains, [...xp, 'contains']);
        checkText(x.matches, [...xp, 'matches']);
        checkText(x.equals, [...xp, 'equals']);
      }
    });
    if (c.quiz !== undefined) {
      checkText(c.quiz.ask, [...cp, 'quiz', 'ask']);
      c.quiz.choices.forEach((ch, k) => checkText(ch, [...cp, 'quiz', 'choices', k]));
      checkText(c.quiz.answer, [...cp, 'quiz', 'answer']);
      checkText(c.quiz.why, [...cp, 'quiz', 'why']);
    }
  });
  return out;
}
