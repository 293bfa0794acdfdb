/**
 * Message ids whose text is what a real tool itself prints (iproute2's RTNETLINK and Error: lines,
 * procps sysctl, net-tools route, iputils ping in the C locale, keepalived's own log warnings).
 * The lab shows them exactly so in every language: output is never translated, and a student must
 * recognise on a real box what they met in the lab. The zh-CN catalogs leave them out, and `render` falls back to the English
 * text, as for any id a language lacks (test/i18n/zh-cn-catalog.test.ts holds them out).
 */
export const VERBATIM_IDS: ReadonlySet<string> = new Set([
  // procps sysctl
  'sysctl.err.unknownKey',
  'sysctl.err.badValue',
  // iproute2
  'addr.err.exists',
  'addr.err.invalid',
  'addr.err.notFound',
  'link.err.exists',
  'link.err.noDevice',
  'route.err.exists',
  'route.err.notFound',
  'route.err.invalidGateway',
  'route.err.devDown',
  'route.err.nexthopDevDown',
  'route.err.netDown',
  'route.err.onlinkNoDevice',
  'route.err.noDevice',
  'route.err.invalidPrefsrc',
  'route.err.invalid',
  'scenario.ip.unknownObject',
  'scenario.ip.duplicateArg',
  'scenario.ip.needsDev',
  'scenario.ip.linkNeedsDev',
  // net-tools route
  'scenario.route.maskMismatch',
  // iputils ping
  'app.ping.reply',
  'app.ping.dup',
  'app.ping.error.net',
  'app.ping.error.host',
  'app.ping.error.proto',
  'app.ping.error.port',
  'app.ping.error.other',
  'app.ping.error.ttl',
  'app.ping.error.network',
  'app.ping.summary',
  'app.ping.summaryErrors',
  // keepalived's own log warnings (its config checks): the line to look for in journalctl
  'kaconf.vrrp.nopreemptMaster',
  'kaconf.vrrp.preemptDelayMaster',
  'kaconf.vs.protocolFwmark',
  'kaconf.vs.quorumTooHigh',
]);
