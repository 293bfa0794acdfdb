/** Simplified Chinese texts for vrrp's message ids (mirrors ../en/vrrp.ts). */
export const vrrpMessages: Readonly<Record<string, string>> = {
  'vrrp.start.backup':
    '{instance}（{iface} 上的 VRID {vrid}）以 BACKUP 状态启动，优先级 {prio}：如果在 Master_Down_Interval {mdi} s = {n} × {adv} s + Skew_Time (256 − {prio}) × {skewUnit} s/256 = {skew} s 内收不到通告，就成为 MASTER',
  'vrrp.start.backupWishMaster':
    '{instance}（{iface} 上的 VRID {vrid}）配置了 `state MASTER`，但优先级 {prio} < 255：keepalived（vrrp_init_state）仍以 BACKUP 状态启动它，并等满一个 Master_Down_Interval {mdi} s = {n} × {adv} s + Skew_Time (256 − {prio}) × {skewUnit} s/256 = {skew} s 才接管',
  'vrrp.start.fault': '{instance}（{iface} 上的 VRID {vrid}）以 FAULT 状态启动：某个跟踪的接口或脚本已经处于 down 状态',
  'vrrp.master.owner':
    '{instance}（VRID {vrid}）的优先级为 255，是 IP 地址所有者：立即成为 MASTER（keepalived 使用 1 µs 的 Master_Down 定时器）；先发通告，再添加 VIP，然后发送免费 ARP',
  'vrrp.master.startTimer':
    '{instance}（VRID {vrid}）：keepalived 启动以来，在 Master_Down_Interval {mdi} s（{n} × {adv} s + Skew_Time (256 − {prio}) × {skewUnit} s/256 = {skew} s）内没有收到任何通告：成为 MASTER（先发通告，再添加 VIP，然后发送免费 ARP）',
  'vrrp.master.downTimer':
    '{instance}（VRID {vrid}）：已经 {mdi} s（{n} × {adv} s + Skew_Time (256 − {prio}) × {skewUnit} s/256 = {skew} s）没有收到主节点 {master} 的通告：成为 MASTER（先发通告，再添加 VIP，然后发送免费 ARP）',
  'vrrp.master.downTimerNoMaster':
    '{instance}（VRID {vrid}）：自（重新）进入 BACKUP 以来，已经 {mdi} s（{n} × {adv} s + Skew_Time (256 − {prio}) × {skewUnit} s/256 = {skew} s）没有收到任何通告：不知道主节点是谁，成为 MASTER（先发通告，再添加 VIP，然后发送免费 ARP）',
  'vrrp.master.afterPrio0':
    '{instance}（VRID {vrid}）：主节点 {master} 用优先级为 0 的通告主动退位，而在 Skew_Time {skew} s = (256 − {prio}) × {skewUnit} s/256 内没有其他节点接管：成为 MASTER',
  'vrrp.master.preempt':
    '{instance}（VRID {vrid}）：本实例的优先级 {prio} 高于主节点 {master} 的 {masterPrio}；它的通告都被丢弃，所以 Master_Down 定时器到期（{mdi} s）：抢占，成为 MASTER',
  'vrrp.master.prio0Rx': '{instance}（MASTER，VRID {vrid}）收到来自 {src} 的优先级为 0 的通告：立即发送一个通告（RFC 3768 §6.4.3），保持 MASTER',
  'vrrp.master.ownerConflict':
    '{instance}（VRID {vrid}）：{src} 也声称优先级为 255：keepalived 报告 CONFIGURATION ERROR，并把自己的优先级降为 254',
  'vrrp.master.lowerAnswered':
    '{instance}（MASTER，VRID {vrid}）收到来自 {src} 的较低优先级通告（{got} < {prio}，或优先级相同而地址较低）：keepalived（不同于 RFC 3768/5798，RFC 规定丢弃这种通告）立即用自己的通告回应，迫使重新选举',
  'vrrp.master.lowerIgnored':
    '{instance}（MASTER，VRID {vrid}）收到来自 {src} 的较低优先级通告（{got} < {prio}），将其静默丢弃（lower_prio_no_advert：即 RFC 3768/5798 规定的行为）',
  'vrrp.backup.higherPrio':
    '{instance}（VRID {vrid}）：来自 {src} 的通告优先级更高，{got} > 本实例的 {prio}：MASTER → BACKUP，移除 VIP；Master_Down 定时器 {mdi} s',
  'vrrp.backup.higherAddr':
    '{instance}（VRID {vrid}）：来自 {src} 的通告优先级同为 {got}，而其主 IP 地址高于本实例的（{own}；优先级相同时地址高者胜出）：MASTER → BACKUP，移除 VIP；Master_Down 定时器 {mdi} s',
  'vrrp.backup.prio0':
    '{instance}（BACKUP，VRID {vrid}）：主节点 {src} 正在退位（优先级为 0 的通告）：Master_Down 定时器设为 Skew_Time {skew} s = (256 − {prio}) × {skewUnit} s/256，以便快速接管',
  'vrrp.backup.v3Interval':
    '{instance}（BACKUP，VRID {vrid}）：主节点 {src} 每 {theirs} s 发送一次通告，本实例为 {mine} s：keepalived 在日志中记录这一不一致，并采用主节点的通告间隔（RFC 5798 §6.4.2）；Master_Down_Interval 现为 {mdi} s',
  'vrrp.backup.preemptDelay':
    '{instance}（BACKUP，VRID {vrid}）：主节点 {src} 的优先级较低（{got} < {prio}）：开始 preempt_delay {delay} s；在它结束之前 keepalived 继续接受该主节点的通告，之后便丢弃这些通告，并在 Master_Down 定时器到期后抢占',
  'vrrp.backup.discardLower':
    '{instance}（BACKUP，优先级 {prio}）丢弃来自 {src} 的较低优先级通告（{got}）：keepalived 让 Master_Down 定时器继续运行（还剩 {left} s），到期时接管',
  'vrrp.backup.downTimerLater':
    '{instance}（BACKUP）：优先级变化使 Master_Down_Interval 变为 {mdi} s；keepalived（vrrp_set_effective_priority）把正在运行的 Master_Down 定时器推迟 {moved} s（新间隔 − 旧 ms_down_timer {was} s）：它现在将在 {left} s 后到期',
  'vrrp.backup.downTimerSooner':
    '{instance}（BACKUP）：优先级变化使 Master_Down_Interval 变为 {mdi} s；keepalived（vrrp_set_effective_priority）把正在运行的 Master_Down 定时器提前 {moved} s（旧 ms_down_timer {was} s − 新间隔）：它现在将在 {left} s 后到期',
  'vrrp.fault.leave': '{instance}：所有跟踪的接口和脚本都已恢复 up：FAULT → BACKUP，Master_Down 定时器按完整间隔重新计时',
  'vrrp.track.ifaceDown': '{instance}：跟踪的接口 {iface} {state}：进入 FAULT（如果是主节点，先发送两个优先级为 0 的通告，再移除 VIP）',
  'vrrp.track.vrrpIfaceDown':
    '{instance}：它自己的 VRRP 接口 {iface} {state}：进入 FAULT，移除 VIP。已停用的接口发不出任何数据包，所以主节点那些优先级为 0 的通告根本发不出去：备节点只有等完整的 Master_Down_Interval 到期才会接管',
  'vrrp.track.ifaceUp': '{instance}：跟踪的接口 {iface} {state}',
  // 被跟踪的接口或脚本的状态词，与 keepalived 日志的叫法对应
  'vrrp.track.iface.up': '已启用（up）',
  'vrrp.track.iface.down': '已停用（down）',
  'vrrp.track.script.up': '正常（up）',
  'vrrp.track.script.down': '失效（down）',
  'vrrp.track.ifaceWeight': '{instance}：跟踪的接口 {iface} {state}，权重 {weight}：优先级 {old} → {prio}',
  'vrrp.track.scriptDown': '{instance}：vrrp_script {script} 连续 {fall} 次失败（退出码 {code}）：进入 FAULT（如果是主节点，先发送两个优先级为 0 的通告，再移除 VIP）',
  'vrrp.track.scriptTimeout': '{instance}：vrrp_script {script} 连续 {fall} 次超时：进入 FAULT（如果是主节点，先发送两个优先级为 0 的通告，再移除 VIP）',
  'vrrp.track.scriptUp': '{instance}：vrrp_script {script} 连续 {rise} 次成功：恢复正常（up）',
  'vrrp.track.scriptWeight': '{instance}：vrrp_script {script} 现在{state}，rise {rise}，fall {fall}，权重 {weight}：优先级 {old} → {prio}',
  'vrrp.prio.initial': '{instance}：启动时各跟踪对象的状态使优先级 {old} → {prio}',
  'vrrp.sync.follow': '{instance} 跟随 vrrp_sync_group {group} 中的 {leader} 进入 {state}（跟随进入 FAULT 的主节点会发送一个优先级为 0 的通告）',
  'vrrp.sync.wait':
    '{instance}：它的 Master_Down 定时器已到期，但同一 vrrp_sync_group 中的其他成员仍能收到主节点的通告：keepalived 倾向于保持 BACKUP，再等待 {mdi} s',
  'vrrp.stop.master': '{instance}（VRID {vrid}）：keepalived 正在停止：发送一个优先级为 0 的通告，让备节点在其 Skew_Time 之后接管，并移除 VIP',
  'vrrp.stop': '{instance}（VRID {vrid}）：keepalived 正在停止',
  'vrrp.garp':
    '{instance}：在 {iface} 上为 VIP {vip} 发送免费 ARP {n}/{total}（keepalived 的格式：广播请求，发送方 IP = 目标 IP = VIP，目标 MAC ff:ff:ff:ff:ff:ff）',
  'vrrp.drop.ttl': '{instance}：来自 {src} 的通告 TTL 为 {ttl}，VRRP 要求为 255（它可能经过了路由器）：丢弃',
  'vrrp.drop.version': '{instance}：来自 {src} 的通告是 VRRPv{got}，本实例运行的是 VRRPv{want}：丢弃',
  'vrrp.drop.authTypeInvalid': '{instance}：来自 {src} 的通告认证类型 {got} 未知：丢弃',
  'vrrp.drop.authTypeMismatch': '{instance}：来自 {src} 的通告认证类型为 {got}，本实例为 {want}（0 表示不认证，1 表示 PASS）：丢弃',
  'vrrp.drop.authPass': '{instance}：来自 {src} 的通告携带密码 "{got}"，本实例为 "{want}"（auth_type PASS，只比较前 8 个字符）：丢弃',
  'vrrp.drop.adverInt':
    '{instance}：来自 {src} 的通告声明的间隔为 {got} s，本实例为 {want} s：keepalived 丢弃间隔不同的 VRRPv2 通告（RFC 3768 §7.1），以免同一个 VRID 中出现两个主节点',
  'vrrp.drop.type': '{instance}：来自 {src} 的数据包 VRRP 类型为 {got}，而 VRRP 只有类型 1（ADVERTISEMENT）：丢弃',
  'vrrp.drop.addrCount': '{instance}：来自 {src} 的通告列出 {got} 个地址，本实例的 virtual_ipaddress 有 {want} 个：丢弃',
  'vrrp.drop.addrList': '{instance}：来自 {src} 的通告没有列出本实例的 VIP {vip}：丢弃',
  'vrrp.drop.expectedMulticast': '{instance}：来自 {src} 的通告以单播发往 {dst}，本实例期望的是组播 224.0.0.18：丢弃',
  'vrrp.drop.expectedUnicast': '{instance}：来自 {src} 的通告发往 {dst}，而本实例使用 unicast_peer：丢弃',
  'vrrp.drop.lowerPriority': '{instance}（BACKUP，优先级 {prio}）：丢弃来自 {src} 的较低优先级通告（{got}）；Master_Down 定时器继续运行',
  'vrrp.drop.notRunning': '{instance} 处于 {state}：忽略该通告',
  'vrrp.drop.ownerStrict': '{instance} 是严格模式下的 IP 地址所有者（255）：忽略来自 {src} 的通告',
  'vrrp.drop.malformed': '{iface} 上一个协议号为 112 的数据包不是合法的 VRRP 报文：丢弃',
  'vrrp.drop.unknownVrid': '{iface} 上 VRID {vrid} 的 VRRP 通告：该接口上没有使用这个 VRID 的 vrrp_instance；keepalived 忽略它',
};
