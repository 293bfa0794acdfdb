import { parseKeepalivedConf } from '../../../src/keepalived/conf/parse.js';
import type { ConfDiagnostic, ParsedConf, ReadInclude } from '../../../src/keepalived/conf/types.js';
import { render } from '../../../src/i18n/index.js';

/** Parses `text` as file `t.conf`. */
export function parse(text: string, readInclude?: ReadInclude): ParsedConf {
  return parseKeepalivedConf({ file: 't.conf', text }, readInclude);
}

export function errors(r: ParsedConf): ConfDiagnostic[] {
  return r.diagnostics.filter((d) => d.severity === 'error');
}

export function warnings(r: ParsedConf): ConfDiagnostic[] {
  return r.diagnostics.filter((d) => d.severity === 'warning');
}

/** `line:col id` of each diagnostic. */
export function where(ds: readonly ConfDiagnostic[]): string[] {
  return ds.map((d) => `${d.pos.line}:${d.pos.col} ${d.msg.id}`);
}

export function text(d: ConfDiagnostic): string {
  return render(d.msg);
}

/** A minimal valid instance body. */
export function instance(body: string, name = 'VI_1'): string {
  return `vrrp_instance ${name} {\n interface eth0\n virtual_router_id 51\n virtual_ipaddress {\n  10.0.0.100\n }\n${body}\n}\n`;
}

/** A minimal valid virtual server around `body` (protocol TCP, one real server with `rs`). */
export function vs(body: string, rs = '', head = '10.0.0.100 80'): string {
  return `virtual_server ${head} {\n lb_algo rr\n lb_kind NAT\n protocol TCP\n${body}\n real_server 10.0.1.1 80 {\n${rs}\n }\n}\n`;
}
