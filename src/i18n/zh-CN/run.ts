/** Simplified Chinese texts for run's message ids (mirrors ../en/run.ts). */
export const runMessages: Readonly<Record<string, string>> = {
  'scenario.cmd.ran': '$ {line}   （退出码 {exit}）',
  'scenario.checkpoint.reached': '到达检查点 {index}',
  'scenario.check.notReached': '运行在到达该检查点（{at} ns）之前就结束了',
  'scenario.build.loOnSegment': "'lo' 是环回接口：不能接入网段",
  'scenario.build.commandFailed': "'{line}' 执行失败，退出码 {exit}：{output}",
  'scenario.build.notModelledYet': '尚未模拟 {what}',
  'scenario.filter.bad': '显示过滤器有误：{message}',
  'scenario.build.checkpointOrder': '检查点 {index} 的时间早于列在它上面的那个检查点：请按 `at` 时间的先后顺序列出检查点',
};
