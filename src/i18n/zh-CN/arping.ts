/** Simplified Chinese texts for arping's message ids (mirrors ../en/arping.ts). */
export const arpingMessages: Readonly<Record<string, string>> = {
  'arping.parse.badOption': "arping: 无效选项 -- '{opt}'（可用选项：-A -b -D -f -q -U -c COUNT -w DEADLINE -i INTERVAL -s SOURCE -I IFACE）",
  'arping.parse.needsArg': "arping: 选项需要一个参数 -- '{opt}'",
  'arping.parse.badNumber': "arping: 无效参数：'{text}'（-{opt} 需要 {min} 到 {max} 之间的整数）",
  'arping.parse.intervalZero': 'arping: -i 0 会让发送定时器失效（永远只会发出一个探测）：未建模；请指定 -i 1 或更大的值',
  'arping.parse.badSource': 'arping: 无效的源地址 {text}',
  'arping.parse.badTarget': 'arping: {text}：不是 IPv4 地址（实验中没有主机名解析）',
  'arping.parse.noTarget': 'arping: 需要一个目的地址：arping [options] DESTINATION',
  'arping.parse.extraTarget': "arping: 只能有一个目的地址：多出了 '{word}'",
  'arping.parse.notModelled': 'arping: 未建模的选项：-{opt}',
  'arping.parse.noEnd': 'arping 若不带 -c COUNT 或 -w DEADLINE，会一直运行到被中断（Ctrl-C），而实验做不到这一点：请给出 -c 或 -w',
  'arping.tx.request': 'arping 第 {n} 个探测：who-has {tip} tell {sip}，发往 {to}',
  'arping.tx.garp': 'arping -U 第 {n} 个探测：免费 ARP 请求，发送方 IP = 目标 IP = {tip}，发送方 MAC 为 {mac}：已缓存 {tip} 的邻居会改用 {mac}',
  'arping.tx.advert': 'arping -A 第 {n} 个探测：免费 ARP 应答，{tip} is-at {mac}（广播，目标 MAC = 发送方 MAC）',
  'arping.tx.dad': 'arping -D 第 {n} 个探测：who-has {tip} tell {sip}（重复地址检测）',
  'arping.finished': 'arping 在 {iface} 上运行 {ms} ms 后结束：发出 {sent} 个探测，收到 {received} 个响应，退出码 {exit}',
};
