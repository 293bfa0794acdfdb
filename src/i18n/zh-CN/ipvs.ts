/** Simplified Chinese texts for ipvs's message ids (mirrors ../en/ipvs.ts). */
export const ipvsMessages: Readonly<Record<string, string>> = {
  'ipvs.service.add': '已添加 IPVS 虚拟服务 {service}，调度算法为 {scheduler}',
  'ipvs.service.edit': '已修改 IPVS 虚拟服务 {service}（调度算法 {scheduler}）',
  'ipvs.service.del': '已删除 IPVS 虚拟服务 {service}；它的真实服务器移入回收站，在仍有连接使用期间一直留在那里',
  'ipvs.dest.add': '真实服务器 {rs} 已加入 {service}（{fwd}，权重 {weight}）；新的真实服务器排在列表最前面',
  'ipvs.dest.addFromTrash':
    '真实服务器 {rs} 重新加入 {service}：之前删除的真实服务器对象连同其计数（活动 {active}，非活动 {inactive}）从回收站中取回',
  'ipvs.dest.edit': '就地修改了 {service} 的真实服务器 {rs}（{fwd}，权重 {weight}）；它在列表中的位置不变',
  'ipvs.dest.del':
    '真实服务器 {rs} 已从 {service} 中删除：已从列表中摘除，不再带有 AVAILABLE 标志；其现有连接的数据包将被静默丢弃',
  'ipvs.dest.counters': '真实服务器 {rs}：ActiveConn {active}，InActConn {inactive}，PersistConn {persistent}',
  'ipvs.conn.new': '新建 IPVS 连接条目，状态 {state}（超时 {timeout} 秒）；在状态表明它是活动连接之前，计为非活动连接',
  'ipvs.conn.state': 'IPVS 连接状态 {from} → {to}；若没有新的数据包到来，{timeout} 秒后过期',
  'ipvs.conn.refresh': 'IPVS 连接保持 {state}；该数据包把它的定时器重新设为 {timeout} 秒',
  'ipvs.conn.expire': 'IPVS 连接条目在 {state} 状态下过期并被删除；真实服务器的计数随之减少',
  'ipvs.conn.expireLater': 'IPVS 连接条目已超时，但仍控制着 {controlled} 个连接；再保留 60 秒',
  'ipvs.sched.pick': '{scheduler} 为到 {service} 的新连接选中了真实服务器 {rs}',
  'ipvs.sched.pickReuse':
    'SYN 命中了一个可被替换的旧连接条目（启用 conn_reuse_mode 时处于 TIME_WAIT/CLOSE，或启用 expire_nodest_conn 时指向权重为 0 的真实服务器）：旧条目过期，{scheduler} 为 {service} 选中了 {rs}',
  'ipvs.sched.noDest': '{scheduler}：{service} - 没有可用的真实服务器',
  'ipvs.leave.noDest': '{service} 没有可用的真实服务器：IPVS 发送 ICMP 端口不可达报文（即使是 TCP 也如此）并丢弃该数据包',
  'ipvs.in.destUnavailable':
    '该连接的真实服务器 {rs} 已被删除：IPVS 静默丢弃该数据包（设置 net.ipv4.vs.expire_nodest_conn=1 则改为重新调度）',
  'ipvs.in.noPorts': 'IPVS 读不到该数据包的 TCP/UDP 端口，将其丢弃',
  'ipvs.dr.rewriteMac':
    '直接路由到 {rs}：数据包从 {dev} 发往下一跳 {nextHop}，因此只改写目的 MAC；IP 目的地址仍是 VIP {vip}（TTL − 1）',
  'ipvs.xmit.noRoute': 'IPVS 没有到真实服务器 {rs} 的可用路由（{type}）；丢弃该数据包',
  'ipvs.xmit.ttlExceeded': '发往真实服务器 {rs} 途中 TTL 将减为 0：发送 ICMP 超时报文并丢弃该数据包',
  'ipvs.xmit.fragNeeded':
    '该数据包（{len} 字节，设置了 DF）大于通往真实服务器 {rs} 的 MTU {mtu}：发送 ICMP 需要分片报文并丢弃该数据包',
  'ipvs.xmit.notModelled': '尚未模拟转发方式 {fwd}；丢弃该数据包',
  'ipvs.ipvsadm.error': 'ipvsadm: {text}',
  'ipvs.ipvsadm.unterminatedQuote': 'shell 读到行尾时仍在 {quote} 引号之内',
  'ipvs.notModelled.ops': 'lvslab 尚未模拟单包调度（-o）',
  'ipvs.notModelled.pe': 'lvslab 没有模拟持久连接引擎 {name}',
  'ipvs.notModelled.sctp': 'lvslab 没有模拟 SCTP 服务',
  'ipvs.notModelled.ipv6': 'lvslab 没有模拟 IPv6',
  'ipvs.notModelled.command': 'lvslab 尚未模拟 ipvsadm {command}',
  'ipvs.notModelled.help': 'lvslab 没有模拟 ipvsadm -h（用法说明）',
  'ipvs.api.badAddress': '{text} 不是 IPv4 地址',
  'ipvs.restore.noStdin': 'ipvsadm -R 从标准输入读取命令；请用 here-document 给出这些命令（ipvsadm -R <<EOF … EOF）',
  'ipvs.restore.nested': '不能在 ipvsadm -R 的标准输入中再写 ipvsadm -R（ipvsadm 会在此处停止恢复）',
  'ipvs.restore.heredocUnterminated': '这个 here-document 没有用来结束它的 "{delimiter}" 行',
  'ipvs.restore.heredocOnlyIpvsadm': 'here-document 只为 ipvsadm -R 做了模拟，{word} 不行',
  'ipvs.restore.heredocTabs': '没有模拟 <<-（去掉行首制表符的 here-document）：请用 <<EOF',
};
