/**
 * iproute2's `ip`: the global options, then the object, chosen the way ip/ip.c does it: the first
 * object in iproute2's own table that the word abbreviates (`ip a` is `address`, `ip r` is
 * `route`, `ip n` is `neighbor`, `ip l` is `link`). Objects other than address, route, link and
 * neighbour are named and refused as not modelled.
 */
import type { HostCommand } from './types.js';
import type { Word } from './shell.js';
import { fail, firstMatch, type Parse } from './args.js';
import { parseIpAddr } from './ip-addr.js';
import { parseIpLink } from './ip-link.js';
import { parseIpRoute } from './ip-route.js';
import { parseIpNeigh } from './ip-neigh.js';

/** iproute2's object table, in its order (ip/ip.c `cmds[]`). */
const OBJECTS = [
  'address', 'addrlabel', 'maddress', 'route', 'rule', 'neighbor', 'neighbour', 'ntable', 'ntbl', 'link',
  'l2tp', 'fou', 'ila', 'macsec', 'tunnel', 'tunl', 'tuntap', 'tap', 'token', 'tcpmetrics', 'tcp_metrics',
  'monitor', 'xfrm', 'mroute', 'mrule', 'netns', 'netconf', 'vrf', 'sr', 'nexthop', 'mptcp', 'ioam', 'help', 'stats',
] as const;

/** Parses `ip …` (words[0] is `ip`). */
export function parseIp(words: readonly Word[]): Parse<HostCommand> {
  let i = 1;
  while (i < words.length && (words[i] as Word).text.startsWith('-')) {
    const opt = words[i] as Word;
    if (opt.text === '-4') {
      i++;
      continue;
    }
    if (opt.text === '-f' || opt.text === '-family') {
      const fam = words[i + 1];
      if (fam === undefined) return fail(opt, 'scenario.cmd.needsArg', { word: opt.text });
      if (fam.text !== 'inet') return fail(fam, 'scenario.ip.family', { word: fam.text });
      i += 2;
      continue;
    }
    return fail(opt, 'scenario.cmd.optionNotModelled', { tool: 'ip', word: opt.text });
  }
  const objWord = words[i];
  if (objWord === undefined) return fail(words[0] as Word, 'scenario.ip.needObject');
  const obj = firstMatch(objWord.text, OBJECTS);
  if (obj === undefined) return fail(objWord, 'scenario.ip.unknownObject', { word: objWord.text });
  const rest = i + 1;
  switch (obj) {
    case 'address':
      return parseIpAddr(words, rest);
    case 'route':
      return parseIpRoute(words, rest);
    case 'link':
      return parseIpLink(words, rest);
    case 'neighbor':
    case 'neighbour':
      return parseIpNeigh(words, rest);
    default:
      return fail(objWord, 'scenario.ip.objectNotModelled', { object: obj });
  }
}
