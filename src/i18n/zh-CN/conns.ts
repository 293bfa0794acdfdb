/** Simplified Chinese texts for conns's message ids (mirrors ../en/conns.ts). */
export const connsMessages: Readonly<Record<string, string>> = {
  'app.conns.start': '向 {to} 打开 {total} 个连接：从 {first}-{last} 这 {clients} 个地址各发起 {each} 个，并保持打开',
  'app.conns.done': '到 {to} 的 {total} 个连接中已建立 {established} 个（失败 {failed} 个）；保持打开，处于空闲',
  'app.conns.error': '从 {from} 到 {to} 的连接失败：{reason}',
  'app.conns.badCount': 'conns 需要的客户端数和每个客户端的连接数都必须是 1 或更大的整数（给出的是 {clients} × {each}）',
  'app.conns.badRate': 'conns 需要正的速率（给出的是每 {period} ns {count} 个）',
  'app.conns.ports': '从 {low} 开始、每个地址 {each} 个连接所需的源端口超出了 65535',
  'app.conns.addrs': '从 {first} 开始的 {clients} 个客户端地址超出了 255.255.255.255',
  'app.conns.notLocal':
    '本主机并不拥有 {addr}，因此无法绑定 {first}-{last}（EADDRNOTAVAIL）；请把这个地址段配置给本主机，例如 routes: [local PREFIX dev lo]',
  'scenario.conns.ports': "'{text}' 不是 LOW-HIGH 形式的源端口范围（1-65535，LOW ≤ HIGH）",
  'scenario.conns.hostBits': "'{text}' 的主机位不为 0：请写该前缀的网络地址（客户端地址取自它的主机地址）",
  'scenario.conns.tooManyClients': '{clients} 个客户端地址放不进 sources 前缀（它只有 {room} 个主机地址）',
  'scenario.conns.tooManyEach': '每个地址 {each} 个连接需要同样多的源端口；端口范围只有 {ports} 个',
  'scenario.conns.tooMany': '这个流量源将打开 {total} 个连接；每个流量源最多 {max} 个',
};
