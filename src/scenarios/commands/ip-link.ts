/**
 * `ip link set|show`, as iproute2's ip/iplink.c reads it: the device is the `dev` argument or the
 * first bare word; `set` takes `up`, `down`, `mtu N`, `arp on|off` and `address MAC` (creating
 * and deleting links is not modelled).
 */
import type { IpLinkCommand } from './types.js';
import type { Word } from './shell.js';
import { Args, base, devRef, fail, firstMatch, isIfname, type Parse } from './args.js';
import { readInt, readMac } from './values.js';
import type { Mac } from '../../net/wire/addr.js';

const SUBCOMMANDS = ['add', 'set', 'change', 'replace', 'delete', 'show', 'lst', 'list', 'xstats', 'afstats', 'property', 'help'] as const;

/** Parses the words after `ip link` (from index `start`). */
export function parseIpLink(words: readonly Word[], start: number): Parse<IpLinkCommand> {
  const args = new Args(words, start);
  const sub = args.next();
  if (sub === undefined) return { ok: true, value: { ...base(words), kind: 'ip.link', op: 'show' } };
  const op = firstMatch(sub.text, SUBCOMMANDS);
  switch (op) {
    case 'set':
    case 'change':
      return parseSet(words, args, sub);
    case 'show':
    case 'lst':
    case 'list': {
      let dev: Word | undefined;
      for (let w = args.next(); w !== undefined; w = args.next()) {
        let d = w;
        if (w.text === 'dev') {
          const v = args.value(w);
          if (!v.ok) return v;
          d = v.value;
        } else if (['up', 'master', 'vrf', 'type', 'group', 'nomaster'].includes(w.text)) {
          return fail(w, 'scenario.cmd.optionNotModelled', { tool: 'ip link', word: w.text });
        }
        if (dev !== undefined) return fail(d, 'scenario.ip.duplicateArg', { word: 'dev', value: d.text });
        if (!isIfname(d.text)) return fail(d, 'scenario.cmd.badIfname', { name: d.text });
        dev = d;
      }
      return {
        ok: true,
        value: dev === undefined
          ? { ...base(words), kind: 'ip.link', op: 'show' }
          : { ...base(words, [devRef(dev)]), kind: 'ip.link', op: 'show', dev: dev.text },
      };
    }
    case undefined:
      return fail(sub, 'scenario.ip.unknownSub', { object: 'link', word: sub.text });
    default:
      return fail(sub, 'scenario.ip.subNotModelled', { object: 'link', sub: op });
  }
}

function parseSet(words: readonly Word[], args: Args, sub: Word): Parse<IpLinkCommand> {
  let dev: Word | undefined;
  let up: boolean | undefined;
  let mtu: number | undefined;
  let arp: boolean | undefined;
  let address: Mac | undefined;
  for (let w = args.next(); w !== undefined; w = args.next()) {
    switch (w.text) {
      case 'up':
        up = true;
        break;
      case 'down':
        up = false;
        break;
      case 'mtu': {
        const m = args.read(w, (t) => readInt(t, 68, 65536));
        if (!m.ok) return m;
        mtu = m.value;
        break;
      }
      case 'arp': {
        const v = args.value(w);
        if (!v.ok) return v;
        if (v.value.text !== 'on' && v.value.text !== 'off') return fail(v.value, 'scenario.ip.onOff', { word: 'arp', value: v.value.text });
        arp = v.value.text === 'on';
        break;
      }
      case 'address': {
        const m = args.read(w, readMac);
        if (!m.ok) return m;
        address = m.value;
        break;
      }
      case 'name': case 'txqueuelen': case 'txqlen': case 'promisc': case 'multicast': case 'allmulticast':
      case 'netns': case 'alias': case 'master': case 'nomaster': case 'group': case 'broadcast': case 'brd':
      case 'dynamic': case 'trailers': case 'qlen': case 'vf': case 'type': case 'protodown':
        return fail(w, 'scenario.cmd.optionNotModelled', { tool: 'ip link', word: w.text });
      default: {
        let d = w;
        if (w.text === 'dev') {
          const v = args.value(w);
          if (!v.ok) return v;
          d = v.value;
        }
        if (dev !== undefined) return fail(d, 'scenario.ip.duplicateArg', { word: 'dev', value: d.text });
        if (!isIfname(d.text)) return fail(d, 'scenario.cmd.badIfname', { name: d.text });
        dev = d;
      }
    }
  }
  if (dev === undefined) return fail(sub, 'scenario.ip.linkNeedsDev');
  return {
    ok: true,
    value: {
      ...base(words, [devRef(dev)]),
      kind: 'ip.link',
      op: 'set',
      dev: dev.text,
      ...(up !== undefined ? { up } : {}),
      ...(mtu !== undefined ? { mtu } : {}),
      ...(arp !== undefined ? { arp } : {}),
      ...(address !== undefined ? { address } : {}),
    },
  };
}
