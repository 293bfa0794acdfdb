/** Simplified Chinese texts for netfilter's message ids (mirrors ../en/netfilter.ts). */
export const netfilterMessages: Readonly<Record<string, string>> = {
  'nf.rule.mark': '{table} 表 {chain} 链的规则 {rule} 匹配：MARK 把数据包标记 {from} → {to}，链继续往下匹配',
  'nf.rule.accept': '{table} 表 {chain} 链的规则 {rule} 匹配：ACCEPT，数据包离开这条链',
  'nf.rule.drop': '{table} 表 {chain} 链的规则 {rule} 匹配：DROP',
  'nf.policy.drop': '{table} 表 {chain} 链中没有规则作出判决：链的默认策略 DROP 丢弃该数据包',
  'nf.notModelled.nat': '未模拟 iptables -t nat：nat 表需要连接跟踪，而本实验没有连接跟踪',
};
