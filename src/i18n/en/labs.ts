/** English texts of the `lab.*` messages. */
export const labsMessages: Readonly<Record<string, string>> = {
  'lab.tun.pmtuReduced': 'ICMP fragmentation needed accepted: path MTU to {dst} is now {mtu} (for 10 minutes), MSS {mss}; {resent} smaller segments resent at once',
};
