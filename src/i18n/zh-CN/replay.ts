/** Simplified Chinese texts for replay's message ids (mirrors ../en/replay.ts). */
export const replayMessages: Readonly<Record<string, string>> = {
  'replay.file.unreadable': '无法读取抓包文件 {file}：{reason}',
  'replay.file.bad': '{file} 不是 lvslab 能读取的抓包文件：在字节偏移 {offset} 处：{reason}',
  'replay.file.linktype':
    '{file}：链路类型 {linktype} 无法回放；lvslab 能读取以太网（1）、原始 IP（101、228）和 Linux cooked 抓包（113、276）',
  'replay.file.frame': '{file}：位于字节偏移 {offset} 的第 {frame} 帧无法解码：{reason}',
  'replay.file.frameReason': '{layer}：{reason}',
  'replay.file.linkTruncated': '链路层头部被截断',
  'replay.file.noIpv4': '{file} 中没有可回放的 IPv4 数据包',
  'replay.file.noClient': '{file}：在这个抓包中 {client} 没有发出任何 IPv4 数据包；请用 `client:` 指定客户端',
  'replay.speed.invalid': 'speed 必须是 0.001 到 1000 之间的数（抓包中的时间间隔会除以它）；实际为 {got}',
  'replay.start':
    '回放 {file}：{frames} 帧中有 {packets} 个数据包是客户端 {client} 发出的；它们以源地址 {from} 从这里发出，原本发往 {server} 的现在发往 {to}',
  'replay.shift':
    '回放：实时运行的服务器 {to} 以 ISN {live} 应答了来自端口 {sport} 的 SYN（抓包中为 {captured}）；确认号、SACK 块和回显的时间戳都平移 {shift}',
  'replay.reset': '回放：{to} 重置了来自端口 {sport} 的连接；该连接的 {held} 个数据包不再发送',
  'replay.noSynAck': '回放：{to} 没有为端口 {sport} 回应 SYN-ACK；需要它的 {held} 个数据包不再发送',
  'replay.stalled':
    '回放：抓包中确认了直到 {need} 的字节，但 {to} 始终没有发出这些字节（它只发到 {have}）；端口 {sport} 的 {held} 个数据包不再发送',
  'replay.done': '{file} 回放结束：共 {total} 个数据包，已发送 {sent} 个，放弃 {abandoned} 个',
};
