/** English texts for netfilter message ids (see src/i18n/index.ts). */
export const netfilterMessages: Readonly<Record<string, string>> = {
  'nf.rule.mark': '{table} {chain} rule {rule} matched: MARK sets the packet mark {from} → {to}, and the chain goes on',
  'nf.rule.accept': '{table} {chain} rule {rule} matched: ACCEPT, the packet leaves this chain',
  'nf.rule.drop': '{table} {chain} rule {rule} matched: DROP',
  'nf.policy.drop': 'No rule of {table} {chain} decided: the chain policy DROP drops the packet',
  'nf.notModelled.nat': 'iptables -t nat is not modelled: the nat table needs connection tracking, which the lab does not have',
};
