/** English texts of the `arping.*` messages. */
export const arpingMessages: Readonly<Record<string, string>> = {
  'arping.parse.badOption': "arping: invalid option -- '{opt}' (options: -A -b -D -f -q -U -c COUNT -w DEADLINE -i INTERVAL -s SOURCE -I IFACE)",
  'arping.parse.needsArg': "arping: option requires an argument -- '{opt}'",
  'arping.parse.badNumber': "arping: invalid argument: '{text}' (-{opt} takes a whole number from {min} to {max})",
  'arping.parse.intervalZero': 'arping: -i 0 disarms the send timer (only one probe would ever leave): not modelled; give -i 1 or more',
  'arping.parse.badSource': 'arping: invalid source {text}',
  'arping.parse.badTarget': 'arping: {text}: not an IPv4 address (the lab has no name resolution)',
  'arping.parse.noTarget': 'arping: a destination address is needed: arping [options] DESTINATION',
  'arping.parse.extraTarget': "arping: one destination only: unexpected '{word}'",
  'arping.parse.notModelled': 'arping: option not modelled: -{opt}',
  'arping.parse.noEnd': 'arping without -c COUNT or -w DEADLINE runs until it is interrupted (Ctrl-C), which a lab cannot do: give -c or -w',
  'arping.tx.request': 'arping probe {n}: who-has {tip} tell {sip}, sent to {to}',
  'arping.tx.garp': 'arping -U probe {n}: gratuitous ARP request, sender IP = target IP = {tip}, sender MAC {mac}: neighbours that already cache {tip} take {mac}',
  'arping.tx.advert': 'arping -A probe {n}: gratuitous ARP reply, {tip} is-at {mac} (broadcast, target MAC = sender MAC)',
  'arping.tx.dad': 'arping -D probe {n}: who-has {tip} tell {sip} (duplicate address detection)',
  'arping.finished': 'arping on {iface} ended after {ms} ms: {sent} probe(s) sent, {received} response(s), exit {exit}',
};
