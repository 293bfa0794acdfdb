/** Simplified Chinese texts for net's message ids (mirrors ../en/net.ts). */
export const netMessages: Readonly<Record<string, string>> = {
  // 网段与接口
  'seg.tx': '帧已发出',
  'seg.drop.blocked': '在网段 {segment} 上被丢弃：该帧匹配阻断过滤器 {filter}',
  'net.rx': '收到帧',
  'eth.drop.unknownType': '在 {iface} 上被丢弃：不处理以太网类型 {ethertype}',

  // 设备、地址与路由的变化（即 `ip monitor link|addr|route` 报告的内容）
  'net.link.new': '创建设备 {iface}：link/{link}，MTU {mtu}，{state}',
  'net.link.up': '{iface} 已启用：重新开始收发，内核把它各个地址对应的路由加回来（手动添加的经由它的路由不会恢复）',
  'net.link.down': '{iface} 已停用：既不发送也不接收；内核清除它的邻居表项，以及经由它的所有路由，只留下它自身地址的本地路由，这些地址仍是本机地址',
  'net.link.mtu': '{iface}：MTU 设为 {mtu}',
  'net.link.address': '{iface}：MAC 地址设为 {mac}',
  'net.addr.add': '{addr} 已添加到 {label}',
  'net.addr.add.secondary': '{addr} 作为辅助地址（secondary）添加到 {label}：已有一个前缀相同的主地址覆盖了该子网',
  'net.addr.del': '{addr} 已从 {label} 删除',
  'net.addr.del.withPrimary': '{addr} 已从 {label} 删除：它是 {primary} 的辅助地址，而这个主地址正被删除，且 promote_secondaries 为 0',
  'net.addr.promote': '{addr} 成为 {label} 上其所在子网的主地址：原主地址 {primary} 已删除，且 promote_secondaries 为 1',
  'net.fib.add': '添加路由：{route}',
  'net.fib.del': '删除路由：{route}',
  'net.fib.add.local': '{dst} 是本机的地址：内核添加一条 local 路由（table local），发往它的数据包就在本机交付',
  'net.fib.add.broadcast': '{dst} 是 {dev} 所在子网的广播地址：内核添加一条 broadcast 路由（table local）',
  'net.fib.add.prefix': '{dev} 有一个位于 {dst} 内的地址：内核添加直连路由（scope link：该网段上的主机直接可达，无需网关）',
  'net.fib.del.kernel': '内核删除 {route}：它所依附的地址已离开 {dev} 或已改变',
  'net.fib.del.devDown': '{dev} 已停用：内核清除 {route}',
  'net.fib.del.prefsrc': '{src} 已不再是本机的地址：内核清除以它为源地址的路由（{route}）',

  // 构建实验与命令的错误（真实工具输出的文字，按中文环境下的本地化输出翻译）
  'addr.err.badLabel': '"dev"（{dev}）必须与 "label"（{label}）一致。',
  'link.err.notEthernet': '{iface} 不是以太网设备',
  'link.err.unknownSegment': '没有名为 {segment} 的网段',
  'lab.err.duplicateSegment': '网段 {segment} 被定义了两次',
  'lab.err.duplicateHost': '主机 {host} 被定义了两次',

  // 路由决策
  'route.in.local': '{dst} 是本地地址：交付本机（从 {iface} 收到）',
  'route.in.broadcast': '{dst} 是广播地址：交付本机（从 {iface} 收到）',
  'route.in.multicast': '{iface} 已加入组播组 {dst}：交付本机',
  'route.in.forward': '{dst} 不是本地地址：从 {outIface} 转发出去，下一跳 {nextHop}',
  'route.in.unreachable': '{dst} 既无法交付也无法转发（从 {iface} 收到）',
  'route.out': '到 {dst} 的路由：从 {outIface} 发出，下一跳 {nextHop}，源地址 {src}',
  'route.out.unreachable': '没有到 {dst} 的路由',

  // netfilter
  'nf.accept': '{hook} 钩子：ACCEPT（放行）',
  'nf.drop': '{hook}：DROP（由 {by} 判决）',
  'nf.stolen': '{hook}：STOLEN（由 {by} 判决，该模块接管了数据包）',

  // IPv4 丢包
  'ip.drop.notForwarding': '丢弃：{dst} 不是本机的地址，而 {iface} 不转发（net.ipv4.conf.{iface}.forwarding = 0）',
  'ip.drop.noRoute': '丢弃：没有到 {dst} 的路由；回送 ICMP 网络不可达',
  'ip.drop.unreachableRoute': '丢弃：{dst} 匹配一条 unreachable 路由；回送 ICMP 主机不可达',
  'ip.drop.prohibitRoute': '丢弃：{dst} 匹配一条 prohibit 路由；回送 ICMP 通信被管理性禁止',
  'ip.drop.blackholeRoute': '静默丢弃：{dst} 匹配一条 blackhole 路由',
  'ip.drop.martianSource': '丢弃：火星源地址（martian source）{src}（目的地址 {dst}，从 {iface} 收到）',
  'ip.drop.martianDest': '丢弃：火星目的地址（martian destination）{dst}（来自 {src}，从 {iface} 收到）',
  'ip.drop.localSource': '丢弃：源地址 {src} 是本机自己的地址之一，却从外部经 {iface} 到达（火星源地址；accept_local = 0）',
  'ip.drop.rpFilter.noRoute': '被 rp_filter = {value} 丢弃（{mode}，取 conf.all 与 conf.{iface} 中的较大值）：没有回到源地址 {src} 的路由',
  'ip.drop.rpFilter.strict': '被 rp_filter = {value} 丢弃（严格模式（strict），取 conf.all 与 conf.{iface} 中的较大值）：回到 {src} 的路由从 {routeIface} 出去，而不是 {iface}',
  // rp_filter 说明中的 {mode}：RFC 3704 的严格（1）或宽松（2）反向路径过滤
  'ip.rpFilter.mode.strict': '严格模式（strict）',
  'ip.rpFilter.mode.loose': '宽松模式（loose）',
  'ip.drop.mcastNotJoined': '丢弃：{iface} 未加入组播组 {dst}',
  'ip.drop.fragment': '丢弃：这是从 {src} 到 {dst} 的某个数据包的分片；本实验不模拟分片重组',
  'ip.drop.noProtocol': '丢弃：本机没有处理 IP 协议 {protocol} 的程序；回送 ICMP 协议不可达',
  'ip.drop.forwardNotHost': '不转发：发往 {dst} 的这个帧的目的 MAC 不是 {iface} 的 MAC（是广播或组播）',
  'ip.drop.ttlExceeded': '丢弃：在去往 {dst} 的途中 TTL {ttl} 将减到 0；回送 ICMP 超时',
  'ip.drop.fragNeeded': '丢弃：{len} 字节的数据包设置了 DF，超出 {iface} 的 MTU {mtu}；回送 ICMP 需要分片',
  'ip.drop.fragmentation': '丢弃：{len} 字节的数据包超出 {iface} 的 MTU {mtu}，而本实验不模拟分片',
  'ip.drop.noRouteLocal': '未发送：没有到 {dst} 的路由（网络不可达）',
  'ip.drop.devDown': '丢弃：{iface} 已停用',
  'ip.drop.noCarrier': '丢弃：{iface} 没有接入网段，或无法发送',
  'ip.drop.tunnelNotModelled': '丢弃：{iface} 没有挂接隧道驱动',

  // IPIP
  'ipip.drop.malformed': '丢弃：IPIP 数据包内没有内层 IPv4 数据包',
  'ipip.drop.noTunnel': '丢弃：没有已启用的 IPIP 隧道设备来接收它；回送 ICMP 端口不可达',

  // ICMP
  'icmp.drop.malformed': '丢弃：无法解析该 ICMP 报文',
  'icmp.drop.noPingSocket': '丢弃回显应答：没有 ping 在等待它',
  'icmp.drop.echoIgnored': '忽略发往 {dst} 的回显请求：net.ipv4.icmp_echo_ignore_all = 1',
  'icmp.drop.echoBroadcastIgnored': '忽略发往 {dst} 的回显请求：net.ipv4.icmp_echo_ignore_broadcasts = 1',
  'icmp.noError.fragment': '不发 ICMP 差错报文：该数据包是非首片分片',
  'icmp.noError.broadcast': '不发 ICMP 差错报文：该数据包发往广播或组播地址',
  'icmp.noError.badSource': '不发 ICMP 差错报文：该数据包的源地址不是单播地址',
  'icmp.noError.aboutError': '不发 ICMP 差错报文：该数据包本身就是 ICMP 差错报文',
  'icmp.noError.noRoute': '不发 ICMP 差错报文：没有回到发送方的路由',

  // ARP：是否应答（arp_ignore、arp_filter）
  'arp.ignore.any': '{iface} 应答 {sip} 询问 {tip} 的 ARP 请求：arp_ignore = {value} 时，对任何本地地址都应答，不论它配置在哪个接口上',
  'arp.ignore.onIface': '{iface} 应答 {sip} 询问 {tip} 的 ARP 请求：arp_ignore = {value}（取 conf.all 与 conf.{iface} 中的较大值），且 {tip} 配置在 {iface} 上',
  'arp.ignore.notOnIface': '{iface} 忽略 {sip} 询问 {tip} 的 ARP 请求：arp_ignore = {value}（取 conf.all 与 conf.{iface} 中的较大值）时只应答配置在 {iface} 上的地址，而 {tip} 不在其上',
  'arp.ignore.sameSubnet': '{iface} 应答 {sip} 询问 {tip} 的 ARP 请求：arp_ignore = 2，{tip} 配置在 {iface} 上，且 {sip} 在其子网内',
  'arp.ignore.notSameSubnet': '{iface} 忽略 {sip} 询问 {tip} 的 ARP 请求：arp_ignore = 2，而 {sip} 不在 {iface} 上 {tip} 所在的子网内',
  'arp.ignore.scopeOk': '{iface} 应答 {sip} 询问 {tip} 的 ARP 请求：arp_ignore = 3 只隐藏 scope host 的地址，而 {tip} 的 scope 是 link 或 global',
  'arp.ignore.scopeHost': '{iface} 忽略 {sip} 询问 {tip} 的 ARP 请求：arp_ignore = 3，且 {tip} 配置为 scope host',
  'arp.ignore.reserved': '{iface} 应答 {sip} 询问 {tip} 的 ARP 请求：arp_ignore = {value} 是保留值，行为与 0 相同',
  'arp.ignore.never': '{iface} 忽略 {sip} 询问 {tip} 的 ARP 请求：arp_ignore = 8 从不应答，即使是 {iface} 自己的地址也不应答',
  'arp.ignore.unknownValue': '{iface} 应答 {sip} 询问 {tip} 的 ARP 请求：arp_ignore = {value} 不是已定义的值，行为与 0 相同',
  'arp.filter.noRoute': '{iface} 忽略 {sip} 询问 {tip} 的 ARP 请求：arp_filter 已开启，且没有回到 {sip} 的路由',
  'arp.filter.otherIface': '{iface} 忽略 {sip} 询问 {tip} 的 ARP 请求：arp_filter 已开启，回到 {sip} 的路由从 {outIface} 出去，而不是 {iface}',
  'arp.reply.dad': '{iface} 应答对 {tip} 的重复地址探测（发送方 IP 为 0.0.0.0），arp_ignore = {value}',
  'arp.proxy.reply': '{iface} 用自己的 MAC 应答询问 {tip} 的 ARP 请求（proxy_arp）：到 {tip} 的路由从 {outIface} 出去',
  'arp.drop.badOp': '{iface} 忽略操作码为 {oper} 的 ARP 报文',
  'arp.drop.badTarget': '{iface} 忽略询问 {tip} 的 ARP 请求：目标为组播或环回地址的请求从不应答',
  'arp.drop.gratuitous': '{iface} 丢弃来自 {sip} 的免费 ARP：drop_gratuitous_arp 已开启',
  'arp.garp.sent': '{iface} 用免费 ARP 通告 {ip}',

  // ARP：本机所发请求中的发送方 IP（arp_announce）
  'arp.announce.0.localSrc': '{iface} 询问谁有 {target}（{probe}），发送方 IP 为 {sip}：arp_announce = {value} 时使用等待解析的数据包的源地址，因为 {src} 是本地地址（在哪个接口上都可以）',
  'arp.announce.0.notLocal': '{iface} 询问谁有 {target}（{probe}），发送方 IP 为 {sip}：arp_announce = {value}，但等待解析的数据包的源地址 {src} 不是本地地址，因此用 {iface} 上针对 {target} 的最佳地址',
  'arp.announce.1.onlink': '{iface} 询问谁有 {target}（{probe}），发送方 IP 为 {sip}：arp_announce = 1 使用等待解析的数据包的源地址，因为 {iface} 的某个子网同时包含 {src} 和 {target}',
  'arp.announce.1.notOnlink': '{iface} 询问谁有 {target}（{probe}），发送方 IP 为 {sip}：arp_announce = 1，而 {iface} 上没有哪个子网同时包含数据包的源地址 {src} 和 {target}，因此用 {iface} 上针对 {target} 的最佳地址',
  'arp.announce.2': '{iface} 询问谁有 {target}（{probe}），发送方 IP 为 {sip}：arp_announce = 2 忽略等待解析的数据包的源地址（{src}），使用 {iface} 上针对 {target} 的最佳主地址',
  'arp.announce.noPacket': '{iface} 询问谁有 {target}（{probe}），发送方 IP 为 {sip}：没有等待解析的数据包，因此用 {iface} 上针对 {target} 的最佳地址',
  // 以上说明中的 {probe}：广播请求，或发往已缓存 MAC 的单播请求（邻居表 PROBE 状态）
  'arp.probe.broadcast': '广播',
  'arp.probe.unicast': '单播',

  // 邻居表（ARP 缓存）条目
  'neigh.incomplete': '{iface} 上的 {ip} 不在 ARP 缓存中：INCOMPLETE，数据包排队等待，同时发出 ARP 请求',
  'neigh.locktime': '有应答称 {ip} 位于 {mac}，但该条目仍保留 {kept}：它上次改变距今不到 locktime（{locktimeMs} ms），而在 locktime 内 Linux 会忽略对同一地址的另一个应答（先到的应答为准）',
  'neigh.reachable.reply': '{ip} 位于 {mac}（{iface}）：一个单播 ARP 应答确认了这一点，REACHABLE',
  'neigh.stale.request': '{ip} 位于 {mac}（{iface}），从它发出的 ARP 请求中得知：STALE（未确认）',
  'neigh.stale.broadcastReply': '{ip} 位于 {mac}（{iface}），从一个广播 ARP 应答中得知：STALE（未确认）',
  'neigh.stale.requestForUs': '{ip} 询问本机的某个地址：它的 MAC {mac} 以 STALE 状态缓存在 {iface} 上',
  'neigh.garp': '{ip} 用免费 ARP 通告 {mac}：{iface} 上的条目随之更新',
  'neigh.delay': '{ip} 原为 STALE，现有数据包使用它：DELAY，若期间未得到确认，{delayMs} ms 后发出探测',
  'neigh.delay.fromReachable': '{iface} 上的 {ip} 已超过 reachable_time 未被确认，但仍在使用：DELAY {delayMs} ms',
  'neigh.stale.timeout': '{iface} 上的 {ip} 已有 {reachableMs} ms（reachable_time）未被确认：STALE',
  'neigh.reachable.confirmed': '{iface} 上的 {ip} 在 DELAY 期间得到确认：重新变为 REACHABLE',
  'neigh.probe': '{iface} 上的 {ip} 未得到确认：PROBE，发送单播 ARP 请求',
  'neigh.failed': '{iface} 上的 {ip} 对 {probes} 个 ARP 请求都没有应答：FAILED，等待中的数据包被丢弃',
  'neigh.admin': '管理员将 {iface} 上的 {ip} 设为 {state}',
  'neigh.removed': '{ip} 已从 {iface} 的 ARP 缓存中删除',
  'neigh.drop.failed': '丢弃：无法解析 {iface} 上的 {ip}（ARP 条目为 FAILED）',
  'neigh.drop.queueFull': '丢弃：等待解析 {iface} 上 {ip} 的数据包超过了 {qlen} 个',

  // IPIP 解封装（LVS-TUN 的真实服务器）
  'ip.drop.rpFilter.tunnel':
    '被 rp_filter = {value} 丢弃（{mode}；内核取 conf.all.rp_filter 与 conf.{iface}.rp_filter 中的较大值）：来自 {src} 的数据包从 {iface} 上的 IPIP 隧道解封装出来，但回到 {src} 的路由从 {routeIface} 出去，因此反向路径检查失败。LVS-TUN 的真实服务器需要在 {iface} 上、并且在 all 上都把 rp_filter 设为 0',
  'ipip.drop.ecn':
    '丢弃：外层 IPIP 头标记为 CE（发生拥塞），但内层数据包不支持 ECN（RFC 6040 解封装规则）',
  'app.synflood.start':
    'SYN 洪水攻击：从 {from} 向 {to}:{port} 发送 {total} 个原始 SYN，每个都带随机的源端口和 ISN，其中任何一个背后都没有握手',
  'app.synflood.done': '对 {to}:{port} 的 SYN 洪水攻击结束：共发出 {sent} 个 SYN',
  'app.synflood.badRate': 'SYN 洪水攻击需要正的速率（给出的是每 {period} ns {count} 个）',
  'host.crash':
    '{host} 崩溃：它当即停止运行，线路上没有任何告别（没有 FIN，也没有优先级为 0 的通告）；它的 ARP 缓存、套接字以及各守护进程的运行时状态（keepalived 添加的 VIP、IPVS 表）全部丢失',
  'host.restart': '{host} 按其配置重新启动；已启用的守护进程（keepalived）和它的服务程序再次启动',
};
