/** Simplified Chinese texts for keepalived-check's message ids (mirrors ../en/keepalived-check.ts). */
export const keepalivedCheckMessages: Readonly<Record<string, string>> = {
  // 模拟的命令（MISC_CHECK misc_path、vrrp_script script）
  'kacheck.cmd.empty': '空命令：实验只能运行以下命令：{modelled}',
  'kacheck.cmd.unknown': "实验没有模拟命令 '{cmd}'：实验中没有 shell，只能运行：{modelled}",
  'kacheck.cmd.quote': '命令中有未闭合的引号',
  'kacheck.cmd.missing': '{cmd}：缺少 {what}',
  'kacheck.cmd.badValue': "{cmd}：{opt} 的值 '{value}' 无效",
  'kacheck.cmd.badAddress': "{cmd}：'{value}' 不是 IPv4 地址（实验中没有 DNS）",
  'kacheck.cmd.badOption': "{cmd}：实验没有模拟选项 '{opt}'",
  'kacheck.cmd.extra': "{cmd}：多余的参数 '{arg}'",
  'kacheck.cmd.ncNeedsZ': 'nc：只模拟了端口探测 `nc -z [-w S] IP PORT`',
  'kacheck.cmd.curlOutput': "curl：只模拟了 '-o /dev/null'，没有模拟 '{value}'",
  'kacheck.cmd.pingNeedsCount': 'ping：请用 -c N 指定次数（不指定的话 ping 永远不会结束，检查总会超时）',

  // 一次检查尝试
  'kacheck.tcp.ok': 'TCP_CHECK {target}：三次握手完成；keepalived 随即关闭连接（FIN）',
  'kacheck.fail.connectTimeout': '{checker} {target}：{secs} s 后连接超时（没有收到 SYN-ACK：服务器已宕机，或者发给它的 SYN 被丢弃）',
  'kacheck.fail.refused': '{checker} {target}：连接被拒绝（RST：主机在线，但该端口上没有程序监听）',
  'kacheck.fail.error': '{checker} {target}：连接失败（{errno}）',
  'kacheck.fail.readTimeout': '{checker} {target}：连接建立后 {secs} s 内没有应答',
  'kacheck.http.ok': '{checker} {target}{path}：HTTP 状态码 {status}，检查通过',
  'kacheck.http.okDigest': '{checker} {target}{path}：HTTP 状态码 {status}，响应体的 MD5 {digest} 与配置一致',
  'kacheck.http.status': '{checker} {target}{path}：HTTP 状态码 {status} 不在 {ranges} 之内',
  'kacheck.http.digest': '{checker} {target}{path}：摘要不匹配：响应体的 MD5 为 {got}，配置期望的是 {want}',
  'kacheck.http.noResponse': '{checker} {target}{path}：没有 HTTP 响应（没有收到完整的响应头）',
  'kacheck.ping.ok': 'PING_CHECK {target}：收到回显应答',
  'kacheck.ping.timeout': 'PING_CHECK {target}：{secs} s 内没有收到回显应答',
  'kacheck.ping.unreach': 'PING_CHECK {target}：返回的是 ICMP 差错报文，而不是回显应答',
  'kacheck.misc.ok': "MISC_CHECK '{cmd}' 退出码为 0：成功",
  'kacheck.misc.okDynamic': "MISC_CHECK '{cmd}' 退出码为 {code}：启用 misc_dynamic 时视为成功，权重 {code} - 2 = {weight}",
  'kacheck.misc.exit': "MISC_CHECK '{cmd}' 退出码为 {code}：失败",
  'kacheck.misc.timeout': "MISC_CHECK '{cmd}' 在 misc_timeout {secs} s 后仍在运行：keepalived 将其杀掉（SIGTERM），检查失败",

  // 真实服务器的判定结果
  'kacheck.rs.down.delete':
    '{checker} 连续失败 {failures} 次（retry {retry} + 1）：真实服务器 {rs} 为 DOWN；keepalived 把它从 {vs} 中删除（未设置 inhibit_on_failure）：它现有连接的数据包从此被静默丢弃（expire_nodest_conn=0，默认值）',
  'kacheck.rs.down.inhibit':
    '{checker} 连续失败 {failures} 次（retry {retry} + 1）：真实服务器 {rs} 为 DOWN；由于设置了 inhibit_on_failure，keepalived 把它在 {vs} 中的权重设为 0：不再接收新连接，现有连接仍照常服务',
  'kacheck.rs.down.held':
    '{checker} 连续失败 {failures} 次（retry {retry} + 1）：真实服务器 {rs} 为 DOWN；{vs} 已失去 quorum，正由 sorry_server 提供服务，所以 IPVS 保持不变',
  'kacheck.rs.downFirst.delete':
    '{checker}：真实服务器 {rs} 的首次检查失败；在第一次成功之前，失败一次就够了：它被判为 DOWN，keepalived 把它从 {vs} 中删除',
  'kacheck.rs.downFirst.inhibit':
    '{checker}：真实服务器 {rs} 的首次检查失败；在第一次成功之前，失败一次就够了：它被判为 DOWN，keepalived 把它在 {vs} 中的权重设为 0（inhibit_on_failure）',
  'kacheck.rs.downFirst.held':
    '{checker}：真实服务器 {rs} 的首次检查失败：它被判为 DOWN；{vs} 正由 sorry_server 提供服务，所以 IPVS 保持不变',
  'kacheck.rs.up.add': '{checker} 成功：真实服务器 {rs} 为 UP（它的所有检查器都为 up）；keepalived 以权重 {weight} 把它加入 {vs}',
  'kacheck.rs.up.inhibit': '{checker} 成功：真实服务器 {rs} 为 UP；keepalived 在 {vs} 中把它的权重恢复为 {weight}（它一直以权重 0 留在列表中）',
  'kacheck.rs.up.held': '{checker} 成功：真实服务器 {rs} 为 UP；在 quorum 恢复之前，{vs} 仍由 sorry_server 提供服务，所以 IPVS 保持不变',
  'kacheck.checker.upOthersDown': '{rs} 的 {checker} 已恢复 up，但还有 {failed} 个其他检查器失败：该真实服务器仍为 DOWN',
  'kacheck.checker.downAlready': '{rs} 的 {checker} 也变为 down；该真实服务器本来就是 DOWN',
  'kacheck.rs.weight': 'keepalived 把 {rs} 的权重从 {from} 改为 {to}（EDITDEST）',
  'kacheck.rs.weightLater': 'keepalived 记下 {rs} 的权重 {to}（原为 {from}）；等该服务器在服务器池中时才写入 IPVS',

  // quorum
  'kacheck.quorum.upInit': 'keepalived 启动 {vs} 时已满足 quorum：存活权重之和 {sum} ≥ quorum {quorum} + hysteresis {hysteresis}',
  'kacheck.quorum.up': '{vs} 恢复 quorum：存活权重之和 {sum} ≥ {threshold}（quorum {quorum} + hysteresis {hysteresis}）',
  'kacheck.quorum.upSorry':
    '{vs} 恢复 quorum：存活权重之和 {sum} ≥ {threshold}（quorum {quorum} + hysteresis {hysteresis}）；keepalived 移除 sorry_server {sorry}，并把存活的真实服务器重新加入',
  'kacheck.quorum.down': '{vs} 失去 quorum：存活权重之和 {sum} < {threshold}（quorum {quorum} − hysteresis {hysteresis}）；没有配置 sorry_server，其他一切不变',
  'kacheck.quorum.downSorry':
    '{vs} 失去 quorum：存活权重之和 {sum} 低于 {threshold}（quorum {quorum}，hysteresis {hysteresis}）；keepalived 移除存活的真实服务器，把 sorry_server {sorry} 放入服务器池',

  // 启动与停止
  'kacheck.init.vs': 'keepalived 创建虚拟服务器 {vs}（调度算法 {sched}，转发方式 {method}，{services} 个 IPVS 服务）',
  'kacheck.init.rs': 'keepalived 以权重 {weight} 把真实服务器 {rs} 加入 {vs}：在检查失败之前，都假定它是存活的',
  'kacheck.init.rsAlpha': 'alpha：{vs} 的真实服务器 {rs} 要等首次检查成功后才会加入',
  'kacheck.init.rsAlphaInhibit': 'alpha 与 inhibit_on_failure 同时使用：真实服务器 {rs} 以权重 0 加入 {vs}，直到首次检查成功',
  'kacheck.init.sorryInhibit': 'sorry_server_inhibit：sorry_server {rs} 以权重 0 加入 {vs}（只有失去 quorum 时才承接流量）',
  'kacheck.stop.vs': 'keepalived 停止：先移除 {vs} 的真实服务器，再删除虚拟服务器本身',

  // 构建错误
  'kacheck.build.noGroup': "virtual_server group '{name}'：没有这个名字的 virtual_server_group",
  'kacheck.build.noLaddrGroup': "laddr_group_name '{name}'：没有这个名字的 local_address_group",
  'kacheck.build.service': 'IPVS 拒绝了虚拟服务器 {vs}：{errno}',
  'kacheck.build.dest': 'IPVS 拒绝了对 {vs} 中真实服务器 {rs} 的{op}操作：{errno}',
  // kacheck.build.dest 中的 {op}
  'kacheck.op.add': '添加',
  'kacheck.op.edit': '修改',
  'kacheck.op.del': '删除',
  'kacheck.build.laddr': 'IPVS 拒绝了 {vs} 的本地地址 {laddr}：{errno}',
  'kacheck.cmd.shellOperator':
    "'{op}' 是 shell 运算符，但 keepalived 运行命令时不经过 shell（按空格拆分后直接 exec）：程序会把 '{op}' 当作一个参数收到。请只使用一条已模拟的命令",
};
