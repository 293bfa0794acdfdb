/** Simplified Chinese texts for ipvs-fullnat's message ids (mirrors ../en/ipvs-fullnat.ts). */
export const ipvsFullnatMessages: Readonly<Record<string, string>> = {
  'ipvs.fullnat.in':
    'FULLNAT：{client} → {vip} 发出时变为 {local} → {rs}：源换成本地地址和本地端口，目的换成真实服务器',
  'ipvs.fullnat.inSyn':
    'FULLNAT：客户端的 SYN {client} → {vip} 发出时变为 {local} → {rs}；时间戳选项（如有）被 NOP 覆盖，ISN {isn} 被重新随机化为 {newIsn}，TOA 选项（kind 254，长度 8）携带客户端 {client}',
  'ipvs.fullnat.inSynNoToa':
    'FULLNAT：客户端的 SYN {client} → {vip} 发出时变为 {local} → {rs}；时间戳选项（如有）被 NOP 覆盖，ISN {isn} 被重新随机化为 {newIsn}；不加 TOA：TCP 选项空间只剩 {room} 字节（需要 8 字节），或者 MTU 已没有余量',
  'ipvs.fullnat.inSynToaOff':
    'FULLNAT：客户端的 SYN {client} → {vip} 发出时变为 {local} → {rs}；时间戳选项（如有）被 NOP 覆盖，ISN {isn} 被重新随机化为 {newIsn}；不加 TOA（net.ipv4.vs.fullnat_toa_entry = 0）',
  'ipvs.fullnat.inAckToa':
    'FULLNAT：完成握手的 ACK（{client} → {vip}）发出时变为 {local} → {rs}，并带上携带客户端 {client} 的 TOA 选项：真实服务器的 toa 模块正是从这个报文段中读取它',
  'ipvs.fullnat.inAckNoToa':
    'FULLNAT：完成握手的 ACK（{client} → {vip}）发出时变为 {local} → {rs}，却不带 TOA：TCP 选项空间只剩 {room} 字节（需要 8 字节），或者 MTU 已没有余量，因此真实服务器无法得知客户端地址',
  'ipvs.fullnat.out':
    'FULLNAT 响应：{rs} → {local} 发出时变为 {vip} → {client}：源换成 VIP，目的重新换回客户端',
  'ipvs.fullnat.outSynAck':
    'FULLNAT 响应：真实服务器的 SYN-ACK {rs} → {local} 发出时变为 {vip} → {client}；记录下它的 ISN {rsIsn}（确认 ISN + 1 的那个 ACK 将携带 TOA），并把它的 MSS 从 {mss} 降到 {clamped}，使满长的客户端报文段加上 8 字节的 TOA 后仍能放得下',
  'ipvs.fullnat.noPort':
    '绑定本地地址时没有可用端口（"bind local address: no port available"）：{service} 找不到通往 {rs} 的空闲（本地地址，本地端口）组合（没有用 ipvsadm -P 配置本地地址，或者尝试的每个端口都冲突）；连接被删除，客户端收到 ICMP 端口不可达（ip_vs_leave），数据包被丢弃',
  'ipvs.fullnat.noPorts':
    'FULLNAT 只改写 TCP 和 UDP 数据包；为该连接转发其他任何报文（例如与它相关的 ICMP 差错报文）在 lvslab 中没有模拟，因此数据包被丢弃',
};
