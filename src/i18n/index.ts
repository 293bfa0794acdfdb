/**
 * Renders message ids into sentences. Catalogs are split by area (one file per layer under en/)
 * so that each layer owns its own texts; `{name}` in a text is replaced by the parameter `name`.
 */
import type { Msg, MsgParam } from './message.js';
import { netMessages } from './en/net.js';
import { ipvsMessages } from './en/ipvs.js';
import { tcpMessages } from './en/tcp.js';
import { scenarioMessages } from './en/scenarios.js';
import { uiMessages } from './en/ui.js';
import { runMessages } from './en/run.js';
import { ipvsSchedMessages } from './en/ipvs-sched.js';
import { ipvsPersistMessages } from './en/ipvs-persist.js';
import { ipvsXmitMessages } from './en/ipvs-xmit.js';
import { ipvsFullnatMessages } from './en/ipvs-fullnat.js';
import { ipvsSynproxyMessages } from './en/ipvs-synproxy.js';
import { netfilterMessages } from './en/netfilter.js';
import { keepalivedConfMessages } from './en/keepalived-conf.js';
import { vrrpMessages } from './en/vrrp.js';
import { keepalivedCheckMessages } from './en/keepalived-check.js';
import { keepalivedMessages } from './en/keepalived.js';
import { arpingMessages } from './en/arping.js';
import { replayMessages } from './en/replay.js';
import { uiStateMessages } from './en/ui-state.js';
import { uiPickerMessages } from './en/ui-picker.js';
import { uiTopologyMessages } from './en/ui-topology.js';
import { connsMessages } from './en/conns.js';
import { cliMessages } from './en/cli.js';
import { wireMessages } from './en/wire.js';
import { cliMessages as cliMessagesZh } from './zh-CN/cli.js';
import { netMessages as netMessagesZh } from './zh-CN/net.js';
import { ipvsMessages as ipvsMessagesZh } from './zh-CN/ipvs.js';
import { tcpMessages as tcpMessagesZh } from './zh-CN/tcp.js';
import { scenarioMessages as scenarioMessagesZh } from './zh-CN/scenarios.js';
import { uiMessages as uiMessagesZh } from './zh-CN/ui.js';
import { runMessages as runMessagesZh } from './zh-CN/run.js';
import { ipvsSchedMessages as ipvsSchedMessagesZh } from './zh-CN/ipvs-sched.js';
import { ipvsPersistMessages as ipvsPersistMessagesZh } from './zh-CN/ipvs-persist.js';
import { ipvsXmitMessages as ipvsXmitMessagesZh } from './zh-CN/ipvs-xmit.js';
import { ipvsFullnatMessages as ipvsFullnatMessagesZh } from './zh-CN/ipvs-fullnat.js';
import { ipvsSynproxyMessages as ipvsSynproxyMessagesZh } from './zh-CN/ipvs-synproxy.js';
import { netfilterMessages as netfilterMessagesZh } from './zh-CN/netfilter.js';
import { keepalivedConfMessages as keepalivedConfMessagesZh } from './zh-CN/keepalived-conf.js';
import { vrrpMessages as vrrpMessagesZh } from './zh-CN/vrrp.js';
import { keepalivedCheckMessages as keepalivedCheckMessagesZh } from './zh-CN/keepalived-check.js';
import { keepalivedMessages as keepalivedMessagesZh } from './zh-CN/keepalived.js';
import { arpingMessages as arpingMessagesZh } from './zh-CN/arping.js';
import { replayMessages as replayMessagesZh } from './zh-CN/replay.js';
import { uiStateMessages as uiStateMessagesZh } from './zh-CN/ui-state.js';
import { uiPickerMessages as uiPickerMessagesZh } from './zh-CN/ui-picker.js';
import { uiTopologyMessages as uiTopologyMessagesZh } from './zh-CN/ui-topology.js';
import { connsMessages as connsMessagesZh } from './zh-CN/conns.js';
import { wireMessages as wireMessagesZh } from './zh-CN/wire.js';

export type { Msg, MsgParam } from './message.js';
export { msg } from './message.js';

/** The languages the lab speaks. English is the default and the fallback. */
export type Lang = 'en' | 'zh-CN';
export const LANGS: readonly Lang[] = ['en', 'zh-CN'];

const catalogs: Record<Lang, Readonly<Record<string, string>>> = {
  'zh-CN': {
    ...netMessagesZh,
    ...netfilterMessagesZh,
    ...ipvsMessagesZh,
    ...ipvsSchedMessagesZh,
    ...ipvsPersistMessagesZh,
    ...ipvsXmitMessagesZh,
    ...ipvsFullnatMessagesZh,
    ...ipvsSynproxyMessagesZh,
    ...keepalivedConfMessagesZh,
    ...vrrpMessagesZh,
    ...keepalivedCheckMessagesZh,
    ...keepalivedMessagesZh,
    ...arpingMessagesZh,
    ...replayMessagesZh,
    ...tcpMessagesZh,
    ...scenarioMessagesZh,
    ...uiMessagesZh,
    ...uiStateMessagesZh,
    ...uiPickerMessagesZh,
    ...uiTopologyMessagesZh,
    ...connsMessagesZh,
    ...runMessagesZh,
    ...cliMessagesZh,
    ...wireMessagesZh,
  },
  en: {
    ...netMessages,
    ...netfilterMessages,
    ...ipvsMessages,
    ...ipvsSchedMessages,
    ...ipvsPersistMessages,
    ...ipvsXmitMessages,
    ...ipvsFullnatMessages,
    ...ipvsSynproxyMessages,
    ...keepalivedConfMessages,
    ...vrrpMessages,
    ...keepalivedCheckMessages,
    ...keepalivedMessages,
    ...arpingMessages,
    ...replayMessages,
    ...tcpMessages,
    ...scenarioMessages,
    ...uiMessages,
    ...uiStateMessages,
    ...uiPickerMessages,
    ...uiTopologyMessages,
    ...connsMessages,
    ...runMessages,
    ...cliMessages,
    ...wireMessages,
  },
};

/** Every message id of a catalog (English by default: tests check that ids used in code exist). */
export function messageIds(lang: Lang = 'en'): readonly string[] {
  return Object.keys(catalogs[lang]);
}

/** Whether `id` has a text in `lang`'s own catalog (no fallback). */
export function hasMessage(id: string, lang: Lang = 'en'): boolean {
  return Object.hasOwn(catalogs[lang], id);
}

let current: Lang = 'en';

/** The language `render` uses when none is given: set once by the command line (`--lang`, LANG). */
export function setLanguage(lang: Lang): void {
  current = lang;
}

/** The language set by `setLanguage` ('en' until then). */
export function language(): Lang {
  return current;
}

/**
 * A language from a `--lang` value or a POSIX locale name: `zh`, `zh-CN`, `zh_CN.UTF-8`, any `zh…`
 * is Simplified Chinese (the only Chinese the lab has); `en…`, `C` and `POSIX` are English;
 * anything else is undefined.
 */
export function parseLang(text: string): Lang | undefined {
  const t = text.trim();
  if (/^zh(?:$|[-_.@])/i.test(t)) return 'zh-CN';
  if (/^en(?:$|[-_.@])/i.test(t) || t === 'C' || t === 'POSIX' || /^C\./.test(t)) return 'en';
  return undefined;
}

/**
 * The language the environment asks for, as setlocale(LC_MESSAGES) reads it: the first of
 * LC_ALL, LC_MESSAGES and LANG that is set and not empty; a locale the lab does not speak is English.
 */
export function languageFromEnv(env: Readonly<Record<string, string | undefined>>): Lang {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const v = env[name];
    if (v !== undefined && v !== '') return parseLang(v) ?? 'en';
  }
  return 'en';
}

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * The sentence for a message in `lang` (default: the language set by `setLanguage`); an id without
 * a text there falls back to English, and an unknown id renders as the id itself with its parameters.
 */
export function render(m: Msg, lang: Lang = current): string {
  const text = catalogs[lang][m.id] ?? catalogs.en[m.id];
  const params = m.params ?? {};
  if (text === undefined) {
    const args = Object.entries(params).map(([k, v]) => `${k}=${paramText(v, lang)}`).join(' ');
    return args.length > 0 ? `${m.id} ${args}` : m.id;
  }
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : paramText(v, lang);
  });
}

/** A parameter as text: a nested message (a word of our prose, not a name) renders in the same language. */
function paramText(v: MsgParam, lang: Lang): string {
  return typeof v === 'object' ? render(v, lang) : String(v);
}
