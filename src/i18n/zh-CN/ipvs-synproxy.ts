/** Simplified Chinese texts for ipvs-synproxy's message ids (mirrors ../en/ipvs-synproxy.ts). */
export const ipvsSynproxyMessages: Readonly<Record<string, string>> = {
  'ipvs.synproxy.synack':
    'SYNPROXY 第 1 步：{service} 亲自应答 {client} 的 SYN。这个 SYN 本身被改造成 SYN-ACK：地址和端口互换，seq = cookie {cookie}，ack = {isn} + 1，TTL 63，TOS 0，MSS {mss}（窗口扩大和时间戳选项被 NOP 覆盖，保留 SACK-permitted）；它不查路由，直接从 {dev} 发回该 SYN 的来源 MAC。不创建任何连接条目：SYN 洪水攻击只让调度器付出发送这些应答的代价',
  'ipvs.synproxy.noWeight': 'SYNPROXY：{service} 没有权重大于 0 的真实服务器，因此 SYN 被丢弃，不作应答',
  'ipvs.synproxy.noRoute': 'SYNPROXY：没有回到 {client} 的路由，无法发送 cookie SYN-ACK；SYN 被丢弃',
  'ipvs.synproxy.badAck':
    'SYNPROXY 第 2 步：来自 {client} 的 ACK 确认号为 {ack}，但 {ack} − 1 不是调度器在最近 4 分钟内为这个地址、端口和序列号生成的 cookie：丢弃，不创建任何东西',
  'ipvs.synproxy.goodAck':
    'SYNPROXY 第 2 步：来自 {client} 的 ACK 带有有效的 cookie（{cookie}，其中编码了 MSS {mss}）：直到这时虚拟服务才进行调度（选中 {rs}），创建处于 SYN_SENT 状态的连接条目，并暂存这个 ACK，直到真实服务器应答',
  'ipvs.synproxy.rsSyn':
    'SYNPROXY：向 {rs} 发出一个新的 SYN，使用客户端自己的 ISN {isn}（窗口 5000，DF，选项取自 cookie），这样之后客户端的序列号都无需转换',
  'ipvs.synproxy.synRetransmit': 'SYNPROXY：SYN_SENT 定时器到期前 {rs} 没有回 SYN-ACK；重新发送 SYN（还剩 {left} 次重传）',
  'ipvs.synproxy.notAck': 'SYNPROXY：到 {rs} 的连接条目仍在等待真实服务器的 SYN-ACK；不带 ACK 的客户端报文段被丢弃',
  'ipvs.synproxy.queueFull': 'SYNPROXY：已为 {rs} 暂存了 {held} 个客户端报文段；这个报文段被丢弃（客户端会重传它）',
  'ipvs.synproxy.held': 'SYNPROXY：真实服务器 {rs} 尚未应答；这个客户端报文段被暂存（已暂存 {held} 个）',
  'ipvs.synproxy.rsSynack':
    'SYNPROXY 第 3 步：{rs} 以 ISN {isn} 应答。delta = cookie ISN − {isn} = {delta}；连接条目进入 ESTABLISHED，暂存的 {held} 个客户端报文段发往真实服务器（ack − delta）。此后每个服务器→客户端报文的 seq 都 + delta，每个客户端→服务器报文的 ack 都 − delta',
  'ipvs.synproxy.synackDropped': 'SYNPROXY：{rs} 的 SYN-ACK 被丢弃：客户端早已用 cookie 完成了握手',
  'ipvs.synproxy.rsRst': 'SYNPROXY：{rs} 用 RST 拒绝了连接；连接条目关闭，RST 修正序列号后继续发往客户端',
};
