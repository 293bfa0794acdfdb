/** English texts for the runner: building a lab, commands run, checkpoints and their checks. */
export const runMessages: Readonly<Record<string, string>> = {
  'scenario.cmd.ran': '$ {line}   (exit {exit})',
  'scenario.checkpoint.reached': 'checkpoint {index} reached',
  'scenario.check.notReached': 'the run ended before this checkpoint (at {at} ns) was reached',
  'scenario.build.loOnSegment': "'lo' is the loopback device: it cannot be attached to a segment",
  'scenario.build.commandFailed': "'{line}' failed with exit code {exit}: {output}",
  'scenario.build.notModelledYet': '{what} is not modelled yet',
  'scenario.filter.bad': 'bad display filter: {message}',
  'scenario.build.checkpointOrder': 'checkpoint {index} comes before the one listed above it: list checkpoints in the order of their `at` times',
};
