/** Simplified Chinese texts for ipvs-xmit's message ids (mirrors ../en/ipvs-xmit.ts). */
export const ipvsXmitMessages: Readonly<Record<string, string>> = {
  'ipvs.tun.encap':
    'IPIP 隧道发往 {rs}：整个数据包（目的地址仍是 VIP {vip}，TTL 现为 {ttl}）被封装进一个新的 IP 头 {src} → {rs}，协议号 4，复制 DF 位；它从 {dev} 发出，内层数据包最多只能有 {mtu} 字节（路由 MTU − 20）',
  'ipvs.tun.encapNoDf':
    'IPIP 隧道发往 {rs}：整个数据包（目的地址仍是 VIP {vip}，TTL 现为 {ttl}）被封装进一个新的 IP 头 {src} → {rs}，协议号 4，不设 DF 位，因为内层数据包没有 DF；它从 {dev} 发出',
  'ipvs.tun.encapPmtuOff':
    'IPIP 隧道发往 {rs}：整个数据包（目的地址仍是 VIP {vip}，TTL 现为 {ttl}）被封装进一个新的 IP 头 {src} → {rs}，协议号 4；由于 net.ipv4.vs.pmtu_disc = 0，外层头从不设 DF 位，也不做 MTU 检查（过大的数据包会被分片）；它从 {dev} 发出',
  'ipvs.tun.typeNotModelled':
    'lvslab 没有模拟隧道类型 {type}：只模拟了 --tun-type ipip（默认值）',
  'ipvs.nat.dnat':
    'NAT 转发到 {rs}：目的 {vip} 被改写为真实服务器 {rs}（地址和端口都改写，并重新计算校验和）；数据包从 {dev} 发出，下一跳为 {nextHop}（TTL − 1）',
  'ipvs.nat.dnatLocal':
    'NAT 转发到 {rs}，这是调度器自己的地址：目的 {vip} 被改写为 {rs}，数据包继续交给本机协议栈',
  'ipvs.nat.loopback':
    'IPVS 拒绝把来自外部的数据包 NAT 到环回地址 {rs}（127.0.0.0/8）；数据包被丢弃',
  'ipvs.nat.snat':
    'NAT 响应：源 {rs} 被改写回 {vip}，因此客户端 {client} 看到的正是它当初连接的地址和端口',
  'ipvs.nat.icmpSend':
    '从 NAT 真实服务器 {rs} 发往 {client} 的数据包不属于任何 IPVS 连接：由于 net.ipv4.vs.nat_icmp_send = 1，真实服务器会收到 ICMP 端口不可达，数据包被丢弃',
  'ipvs.icmp.relayNat':
    '来自 {from} 的 ICMP 差错报文（类型 {type}），涉及连接 {client} → {vip}：转发给真实服务器 {rs}，外层目的地址和内嵌原报文的源地址都改写为 {rs}',
  'ipvs.icmp.outNat':
    '来自 NAT 真实服务器 {rs} 的 ICMP 差错报文（类型 {type}），涉及连接 {client} → {vip}：外层源地址和内嵌原报文的目的地址都改写为 VIP {vip}',
  'ipvs.icmp.localRs':
    'IPVS 不会把在 FORWARD 处看到的 ICMP 差错报文转发给 {rs}，因为它是调度器自己的地址；数据包被丢弃',
};
