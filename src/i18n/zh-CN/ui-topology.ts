/** Simplified Chinese texts for ui-topology's message ids (mirrors ../en/ui-topology.ts). */
export const uiTopologyMessages: Readonly<Record<string, string>> = {
  'ui.topology.none': '本实验没有记录拓扑。',
  'ui.topology.more': '+{n} 个',
  'ui.topology.moreSegments': '+{n} 个网段',
  'ui.topology.unattached': '未接线：',
  'ui.topology.legend': '▶ 当前步   ▷ 另一端   ▲▼ 帧进入 / 离开总线   ╳ 链路断开',
};
