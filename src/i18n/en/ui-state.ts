/** English texts of the state views (src/scenarios/views): what a host has nothing of, and the VRRP table's title. */
export const uiStateMessages: Readonly<Record<string, string>> = {
  'ui.state.empty.ipvs': '{host} has no IPVS virtual service at this step.',
  'ui.state.empty.conns': '{host} has no IPVS connection entry at this step.',
  'ui.state.empty.neigh': '{host} has no neighbour (ARP cache) entry at this step.',
  'ui.state.empty.routes': '{host} has no route at this step.',
  'ui.state.empty.addrs': '{host} has no IPv4 address at this step.',
  'ui.state.empty.vrrp': '{host} runs no VRRP instance at this step.',
  'ui.state.vrrp.title':
    'VRRP instances of keepalived on {host}: keepalived has no command that shows them; this is what its log says ("Entering MASTER STATE"…) up to this step.',
  'ui.state.crashed': '{host} is down (crashed) at this step.',
};
