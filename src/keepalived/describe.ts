/**
 * A VRRP instance's EFFECTIVE settings written back as keepalived.conf lines (defaults filled in,
 * keepalived's own corrections made), followed by comments with what they imply: the state it
 * starts in, Skew_Time and Master_Down_Interval. `lvslab keepalived-check` prints this, so a
 * student sees what keepalived will really do with what they wrote.
 */
import { render } from '../i18n/index.js';
import { msg } from '../i18n/message.js';
import { formatIp4 } from '../net/wire/addr.js';
import type { VipConf, VrrpInstanceConf } from './conf/types.js';
import { formatSeconds, masterDownNs, skewNs } from './vrrp/timers.js';

function vipLine(v: VipConf, iface: string): string {
  const parts = [`${formatIp4(v.addr)}/${v.prefixLen}`];
  if (v.broadcast !== undefined) parts.push('brd', formatIp4(v.broadcast));
  parts.push('dev', v.dev ?? iface);
  if (v.scope !== 'global') parts.push('scope', v.scope);
  if (v.label !== undefined) parts.push('label', v.label);
  return parts.join(' ');
}

/** The instance as effective keepalived.conf text. */
export function describeInstance(i: VrrpInstanceConf): string {
  const out: string[] = [`vrrp_instance ${i.name} {`];
  const line = (s: string): void => {
    out.push(`    ${s}`);
  };
  line(`state ${i.stateWish}`);
  line(`interface ${i.iface}`);
  line(`virtual_router_id ${i.vrid}`);
  line(`priority ${i.priority}`);
  line(`advert_int ${formatSeconds(i.advertInt)}`);
  line(`version ${i.version}`);
  if (i.nopreempt) line('nopreempt');
  if (i.preemptDelay > 0) line(`preempt_delay ${formatSeconds(i.preemptDelay)}`);
  if (i.authPass !== undefined) line(`authentication { auth_type PASS auth_pass ${i.authPass} }`);
  if (i.unicastSrcIp !== undefined) line(`unicast_src_ip ${formatIp4(i.unicastSrcIp)}`);
  if (i.unicastPeers.length > 0) line(`unicast_peer { ${i.unicastPeers.map(formatIp4).join(' ')} }`);
  for (const [key, vips] of [['virtual_ipaddress', i.vips], ['virtual_ipaddress_excluded', i.vipsExcluded]] as const) {
    if (vips.length === 0) continue;
    line(`${key} {`);
    for (const v of vips) line(`    ${vipLine(v, i.iface)}`);
    line('}');
  }
  if (i.trackInterfaces.length > 0) {
    line('track_interface {');
    for (const t of i.trackInterfaces) line(`    ${t.iface}${t.weight === null ? '' : ` weight ${t.weight}`}${t.reverse ? ' reverse' : ''}`);
    line('}');
  }
  if (i.trackScripts.length > 0) {
    line('track_script {');
    for (const t of i.trackScripts) line(`    ${t.name}${t.weight === undefined ? '' : ` weight ${t.weight}`}${t.reverse ? ' reverse' : ''}`);
    line('}');
  }
  line(`garp_master_repeat ${i.garpMasterRepeat}`);
  line(`garp_master_delay ${formatSeconds(i.garpMasterDelay)}`);
  if (i.garpMasterRefresh > 0) line(`garp_master_refresh ${formatSeconds(i.garpMasterRefresh)}`);
  line(i.accept ? 'accept' : 'no_accept');
  if (i.lowerPrioNoAdvert) line('lower_prio_no_advert');
  if (i.strict) line('strict_mode');
  // Timers as keepalived computes them: the owner's effective priority is always 255.
  const skew = skewNs(i.version, i.priority, i.advertInt);
  const mdi = masterDownNs(i.version, i.priority, i.advertInt, i.downTimerAdverts);
  const start = render(msg(i.priority === 255 ? 'keepalived.describe.ownerStart' : 'keepalived.describe.backupStart'));
  line(`# ${render(msg('keepalived.describe.timers', { start, skew: formatSeconds(skew), mdi: formatSeconds(mdi), adverts: i.downTimerAdverts, interval: formatSeconds(i.advertInt) }))}`);
  out.push('}');
  return `${out.join('\n')}\n`;
}
