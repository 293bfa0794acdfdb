/** Simplified Chinese texts for keepalived's message ids (mirrors ../en/keepalived.ts). */
export const keepalivedMessages: Readonly<Record<string, string>> = {
  'keepalived.start':
    'keepalived 启动：它的健康检查进程为 {services} 个虚拟服务建立 IPVS 表，并启动它们的健康检查；它的 VRRP 进程启动 {instances} 个 VRRP 实例',
  'keepalived.stop':
    'keepalived 停止（SIGTERM）：处于 MASTER 状态的节点先发送一个优先级为 0 的通告，让它的 BACKUP 立即接管，然后删除自己的虚拟地址；它创建的虚拟服务也被删除',
  'keepalived.noInterface': 'keepalived.conf 指定了接口 {iface}，但主机 {host} 没有这个接口',
  'keepalived.noUnit': '主机 {host} 上没有 keepalived：给它加上 keepalived: 键即可安装并配置',
  'keepalived.check.ipvsTitle': 'keepalived 启动时建立的 IPVS 表（ipvsadm -L -n）',
  'keepalived.check.empty': '没有 vrrp_instance，也没有 virtual_server：keepalived 无事可做',
  'keepalived.describe.timers':
    '实际生效：启动时{start}；Skew_Time {skew} 秒；Master_Down_Interval {mdi} 秒（{adverts} × {interval} 秒 + Skew_Time）',
  'keepalived.describe.ownerStart': '优先级 255（地址拥有者），立即进入 MASTER',
  'keepalived.describe.backupStart': '为 BACKUP，经过一个 Master_Down_Interval 仍未收到更优的通告后进入 MASTER',
  'keepalived.hostDown': '主机 {host} 已宕机（崩溃）：在它重新启动之前，那里不会运行任何命令',
};
