/**
 * cp->packet_xmit: the transmitter a connection was bound to by its forwarding method
 * (ip_vs_bind_xmit in ip_vs_conn.c): NAT, DR, TUN and the alibaba kernels' FULLNAT. LOCALNODE and
 * BYPASS are never configured (current kernels do not set LOCALNODE, and cache_bypass is not
 * modelled), so a connection using them cannot exist, and is dropped with a message if one does.
 */
import type { Skb } from '../../net/types.js';
import type { Verdict } from '../../trace/events.js';
import { msg } from '../../i18n/message.js';
import { assertNever } from '../../assert-never.js';
import type { IpvsConn } from '../conn.js';
import { connFlagsToFwd } from '../dest.js';
import type { IpvsState } from '../state.js';
import { drXmit } from './dr.js';
import { fullnatXmit } from './fullnat.js';
import { natXmit } from './nat.js';
import { tunnelXmit } from './tunnel.js';

/** Sends `skb` the way its connection forwards (returns the hook verdict). */
export function packetXmit(ipvs: IpvsState, skb: Skb, cp: IpvsConn): Verdict {
  const fwd = connFlagsToFwd(cp.flags);
  switch (fwd) {
    case 'droute':
      return drXmit(ipvs, skb, cp);
    case 'tunnel':
      return tunnelXmit(ipvs, skb, cp);
    case 'masq':
      return natXmit(ipvs, skb, cp);
    case 'fullnat':
      return fullnatXmit(ipvs, skb, cp);
    case 'localnode':
    case 'bypass':
      ipvs.host.drop(skb, msg('ipvs.xmit.notModelled', { fwd }));
      return 'STOLEN';
    default:
      return assertNever(fwd);
  }
}
