/** English texts of the topology pane (src/ui/topology.ts). */
export const uiTopologyMessages: Readonly<Record<string, string>> = {
  'ui.topology.none': 'No topology recorded for this lab.',
  'ui.topology.more': '+{n} more',
  'ui.topology.moreSegments': '+{n} more segments',
  'ui.topology.unattached': 'not cabled:',
  'ui.topology.legend': '▶ this step   ▷ other end   ▲▼ frame onto / off the bus   ╳ link down',
};
