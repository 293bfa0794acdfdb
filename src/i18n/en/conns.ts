/** English texts of the `conns` traffic source (src/net/apps/conns.ts) and of its scenario keys. */
export const connsMessages: Readonly<Record<string, string>> = {
  'app.conns.start': 'opening {total} connections to {to}: {each} from each of {clients} addresses {first}-{last}, held open',
  'app.conns.done': '{established} of {total} connections to {to} established ({failed} failed); held open, idle',
  'app.conns.error': 'connection to {to} from {from} failed: {reason}',
  'app.conns.badCount': 'conns needs whole numbers of clients and connections each, 1 or more ({clients} × {each} given)',
  'app.conns.badRate': 'conns needs a positive rate ({count} per {period} ns given)',
  'app.conns.ports': 'source ports from {low} for {each} connections per address go past 65535',
  'app.conns.addrs': '{clients} client addresses from {first} go past 255.255.255.255',
  'app.conns.notLocal':
    'this host does not own {addr}, so it cannot bind {first}-{last} (EADDRNOTAVAIL); give it the range, e.g. routes: [local PREFIX dev lo]',
  'scenario.conns.ports': "'{text}' is not a source port range LOW-HIGH (1-65535, LOW ≤ HIGH)",
  'scenario.conns.hostBits': "'{text}' has host bits set: write the prefix's network address (the client addresses are its host addresses)",
  'scenario.conns.tooManyClients': '{clients} client addresses do not fit in the sources prefix ({room} host addresses)',
  'scenario.conns.tooManyEach': '{each} connections per address need as many source ports; the port range has {ports}',
  'scenario.conns.tooMany': 'this source would open {total} connections; at most {max} per source',
};
