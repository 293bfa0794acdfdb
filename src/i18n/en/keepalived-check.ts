/** English texts of the `kacheck.*` messages. */
export const keepalivedCheckMessages: Readonly<Record<string, string>> = {
  // modelled commands (MISC_CHECK misc_path, vrrp_script script)
  'kacheck.cmd.empty': 'empty command: the lab runs only these commands: {modelled}',
  'kacheck.cmd.unknown': "command '{cmd}' is not modelled: the lab has no shell and runs only: {modelled}",
  'kacheck.cmd.quote': 'unterminated quote in the command',
  'kacheck.cmd.missing': '{cmd}: {what} is missing',
  'kacheck.cmd.badValue': "{cmd}: invalid value '{value}' for {opt}",
  'kacheck.cmd.badAddress': "{cmd}: '{value}' is not an IPv4 address (the lab has no DNS)",
  'kacheck.cmd.badOption': "{cmd}: option '{opt}' is not modelled",
  'kacheck.cmd.extra': "{cmd}: unexpected argument '{arg}'",
  'kacheck.cmd.ncNeedsZ': 'nc: only the port probe `nc -z [-w S] IP PORT` is modelled',
  'kacheck.cmd.curlOutput': "curl: only '-o /dev/null' is modelled, not '{value}'",
  'kacheck.cmd.pingNeedsCount': 'ping: give a count with -c N (without it ping never ends and the check always times out)',

  // one check attempt
  'kacheck.tcp.ok': 'TCP_CHECK {target}: the handshake completed; keepalived closes the connection at once (FIN)',
  'kacheck.fail.connectTimeout': '{checker} {target}: connect timeout after {secs} s (no SYN-ACK: the server is down or its SYNs are dropped)',
  'kacheck.fail.refused': '{checker} {target}: connection refused (RST: the host is up but nothing listens on the port)',
  'kacheck.fail.error': '{checker} {target}: connection failed ({errno})',
  'kacheck.fail.readTimeout': '{checker} {target}: no answer within {secs} s after connecting',
  'kacheck.http.ok': '{checker} {target}{path}: HTTP status {status}, accepted',
  'kacheck.http.okDigest': '{checker} {target}{path}: HTTP status {status} and body MD5 {digest} as configured',
  'kacheck.http.status': '{checker} {target}{path}: HTTP status {status} not in {ranges}',
  'kacheck.http.digest': '{checker} {target}{path}: digest mismatch: the body has MD5 {got}, the configuration expects {want}',
  'kacheck.http.noResponse': '{checker} {target}{path}: no HTTP response (no complete header received)',
  'kacheck.ping.ok': 'PING_CHECK {target}: echo reply received',
  'kacheck.ping.timeout': 'PING_CHECK {target}: no echo reply within {secs} s',
  'kacheck.ping.unreach': 'PING_CHECK {target}: an ICMP error came back instead of an echo reply',
  'kacheck.misc.ok': "MISC_CHECK '{cmd}' exited with 0: success",
  'kacheck.misc.okDynamic': "MISC_CHECK '{cmd}' exited with {code}: success with misc_dynamic, weight {code} - 2 = {weight}",
  'kacheck.misc.exit': "MISC_CHECK '{cmd}' exited with {code}: failure",
  'kacheck.misc.timeout': "MISC_CHECK '{cmd}' still running after misc_timeout {secs} s: keepalived kills it (SIGTERM), the check fails",

  // real server verdicts
  'kacheck.rs.down.delete':
    '{checker} failed {failures} times in a row (retry {retry} + 1): real server {rs} is DOWN; keepalived deletes it from {vs} (no inhibit_on_failure): the packets of its existing connections are now silently dropped (expire_nodest_conn=0, the default)',
  'kacheck.rs.down.inhibit':
    '{checker} failed {failures} times in a row (retry {retry} + 1): real server {rs} is DOWN; with inhibit_on_failure keepalived sets its weight to 0 in {vs}: no new connections, existing ones are still served',
  'kacheck.rs.down.held':
    '{checker} failed {failures} times in a row (retry {retry} + 1): real server {rs} is DOWN; quorum of {vs} is lost and the sorry server is serving, so IPVS is left as it is',
  'kacheck.rs.downFirst.delete':
    '{checker}: the first check of real server {rs} failed; before its first success one failure is enough: it is DOWN and keepalived deletes it from {vs}',
  'kacheck.rs.downFirst.inhibit':
    '{checker}: the first check of real server {rs} failed; before its first success one failure is enough: it is DOWN and keepalived sets its weight to 0 in {vs} (inhibit_on_failure)',
  'kacheck.rs.downFirst.held':
    '{checker}: the first check of real server {rs} failed: it is DOWN; the sorry server of {vs} is serving, so IPVS is left as it is',
  'kacheck.rs.up.add': '{checker} succeeded: real server {rs} is UP (all its checkers up); keepalived adds it to {vs} with weight {weight}',
  'kacheck.rs.up.inhibit': '{checker} succeeded: real server {rs} is UP; keepalived gives it back weight {weight} in {vs} (it stayed listed at weight 0)',
  'kacheck.rs.up.held': '{checker} succeeded: real server {rs} is UP; the sorry server of {vs} is serving until quorum is back, so IPVS is left as it is',
  'kacheck.checker.upOthersDown': '{checker} of {rs} is up again, but {failed} other checker(s) still fail: the real server stays DOWN',
  'kacheck.checker.downAlready': '{checker} of {rs} is down too; the real server was already DOWN',
  'kacheck.rs.weight': 'keepalived changes the weight of {rs} from {from} to {to} (EDITDEST)',
  'kacheck.rs.weightLater': 'keepalived records weight {to} for {rs} (was {from}); it reaches IPVS when the server is in the pool',

  // quorum
  'kacheck.quorum.upInit': 'keepalived starts {vs} with quorum: live weight {sum} ≥ quorum {quorum} + hysteresis {hysteresis}',
  'kacheck.quorum.up': 'quorum of {vs} gained: live weight {sum} ≥ {threshold} (quorum {quorum} + hysteresis {hysteresis})',
  'kacheck.quorum.upSorry':
    'quorum of {vs} gained: live weight {sum} ≥ {threshold} (quorum {quorum} + hysteresis {hysteresis}); keepalived removes the sorry server {sorry} and adds the live real servers back',
  'kacheck.quorum.down': 'quorum of {vs} lost: live weight {sum} < {threshold} (quorum {quorum} − hysteresis {hysteresis}); no sorry_server, nothing else changes',
  'kacheck.quorum.downSorry':
    'quorum of {vs} down: live weight {sum} below {threshold} (quorum {quorum}, hysteresis {hysteresis}); keepalived removes the live real servers and puts the sorry server {sorry} in the pool',

  // startup and shutdown
  'kacheck.init.vs': 'keepalived creates virtual server {vs} (scheduler {sched}, method {method}, {services} IPVS service(s))',
  'kacheck.init.rs': 'keepalived adds real server {rs} to {vs} with weight {weight}: it is assumed alive until a check fails',
  'kacheck.init.rsAlpha': 'alpha: real server {rs} of {vs} is not added until its first successful check',
  'kacheck.init.rsAlphaInhibit': 'alpha with inhibit_on_failure: real server {rs} is added to {vs} with weight 0 until its first successful check',
  'kacheck.init.sorryInhibit': 'sorry_server_inhibit: the sorry server {rs} is added to {vs} with weight 0 (it takes traffic only when quorum is lost)',
  'kacheck.stop.vs': 'keepalived stops: it removes the real servers of {vs}, then the virtual server itself',

  // build errors
  'kacheck.build.noGroup': "virtual_server group '{name}': no virtual_server_group of that name",
  'kacheck.build.noLaddrGroup': "laddr_group_name '{name}': no local_address_group of that name",
  'kacheck.build.service': 'IPVS refused virtual server {vs}: {errno}',
  'kacheck.build.dest': 'IPVS refused {op} of real server {rs} in {vs}: {errno}',
  // the {op} of kacheck.build.dest
  'kacheck.op.add': 'add',
  'kacheck.op.edit': 'edit',
  'kacheck.op.del': 'del',
  'kacheck.build.laddr': 'IPVS refused local address {laddr} for {vs}: {errno}',
  'kacheck.cmd.shellOperator':
    "'{op}' is a shell operator, but keepalived runs the command without a shell (split on spaces, then exec'd): the program would get '{op}' as an argument. Use one modelled command",
};
