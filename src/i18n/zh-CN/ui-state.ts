/** Simplified Chinese texts for ui-state's message ids (mirrors ../en/ui-state.ts). */
export const uiStateMessages: Readonly<Record<string, string>> = {
  'ui.state.empty.ipvs': '{host} 在这一步没有 IPVS 虚拟服务。',
  'ui.state.empty.conns': '{host} 在这一步没有 IPVS 连接条目。',
  'ui.state.empty.neigh': '{host} 在这一步没有邻居表（ARP 缓存）条目。',
  'ui.state.empty.routes': '{host} 在这一步没有路由。',
  'ui.state.empty.addrs': '{host} 在这一步没有 IPv4 地址。',
  'ui.state.empty.vrrp': '{host} 在这一步没有运行 VRRP 实例。',
  'ui.state.vrrp.title':
    '{host} 上 keepalived 的 VRRP 实例：keepalived 没有能显示它们的命令；这里是到这一步为止它的日志所记录的内容（"Entering MASTER STATE"…）。',
  'ui.state.crashed': '{host} 在这一步已宕机（崩溃）。',
};
