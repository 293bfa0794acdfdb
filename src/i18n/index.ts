/**
 * Renders message ids into sentences. Catalogs are split by area (one file per layer under en/)
 * so that each layer owns its own texts; `{name}` in a text is replaced by the parameter `name`.
 */
import type { Msg } from './message.js';
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

export type { Msg } from './message.js';
export { msg } from './message.js';

export type Lang = 'en';

const catalogs: Record<Lang, Readonly<Record<string, string>>> = {
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
  },
};

/** Every message id known to the English catalog (tests check that ids used in code exist). */
export function messageIds(lang: Lang = 'en'): readonly string[] {
  return Object.keys(catalogs[lang]);
}

/** Whether `id` has a text. */
export function hasMessage(id: string, lang: Lang = 'en'): boolean {
  return Object.hasOwn(catalogs[lang], id);
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** The sentence for a message; an unknown id renders as the id itself with its parameters. */
export function render(m: Msg, lang: Lang = 'en'): string {
  const text = catalogs[lang][m.id];
  const params = m.params ?? {};
  if (text === undefined) {
    const args = Object.entries(params).map(([k, v]) => `${k}=${v}`).join(' ');
    return args.length > 0 ? `${m.id} ${args}` : m.id;
  }
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : String(v);
  });
}
