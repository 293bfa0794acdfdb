/** English texts for the command line (src/cli): help and usage texts, usage errors, tables and summaries. */
export const cliMessages: Readonly<Record<string, string>> = {
  // lvslab (src/cli/main.ts)
  'cli.main.help':
    'lvslab: step through Linux Virtual Server packet by packet\n' +
    '\n' +
    'Usage:\n' +
    '  lvslab                                   on a terminal: a picker of the built-in labs; else this help\n' +
    '  lvslab play [<scenario>] [--seed N]      the terminal lab, packet by packet (? lists its keys)\n' +
    '  lvslab run <scenario> [--json] [--pcap DIR] [--until TIME] [--seed N] [--quiet]\n' +
    '                                           simulate headless: one line per event, JSONL, pcaps\n' +
    '  lvslab check [<scenario>...]             run scenarios and verify their expectations\n' +
    '  lvslab validate <file>...                check scenario files without running them\n' +
    '  lvslab list                              the built-in scenarios\n' +
    '  lvslab schema                            the JSON Schema of the scenario format\n' +
    '  lvslab keepalived-check <keepalived.conf>\n' +
    '                                           parse a keepalived.conf as keepalived would; print the\n' +
    '                                           IPVS table it builds and its VRRP instances\' settings\n' +
    '\n' +
    'A <scenario> is a built-in name (see \'lvslab list\') or a path to a .yaml file.\n' +
    'Durations take a unit: 250us, 15ms, 2s. Every command accepts --help, --no-color and\n' +
    '--lang en|zh-CN (default: from LC_ALL, LC_MESSAGES or LANG; zh… is Simplified Chinese).\n',
  'cli.main.unknownCommand': "unknown command '{name}' (try: {commands})",

  // flags (src/cli/args.ts); the parseArgs ones repeat Node's own wording
  'cli.args.unknownOption': "Unknown option '{option}'",
  'cli.args.missingValue': "Option '{option} <value>' argument missing",
  'cli.args.takesNoValue': "Option '{option}' does not take an argument",
  'cli.args.ambiguousValue':
    "Option '{option}' argument is ambiguous.\nDid you forget to specify the option argument for '{option}'?\nTo specify an option argument starting with a dash use '{option}=-XYZ'.",
  'cli.args.badSeed': "--seed: expected a non-negative integer, got '{text}'",
  'cli.args.langMissing': "--lang: expected a language: 'en' or 'zh-CN'",
  'cli.args.langUnknown': "--lang: '{value}' is not a language the lab speaks ('en' or 'zh-CN')",

  // lvslab run (src/cli/run.ts)
  'cli.run.usage':
    'Usage: lvslab run <scenario> [--json] [--pcap DIR] [--until TIME] [--seed N] [--quiet]\n' +
    '\n' +
    'Simulates a scenario headless.\n' +
    '  --json        one JSON object per event (JSONL), see docs/trace-format.md\n' +
    '  --pcap DIR    write DIR/<segment>.pcap for every segment (virtual time as timestamps)\n' +
    '  --until TIME  stop at this virtual time (e.g. 500ms, 2s)\n' +
    '  --seed N      override the scenario\'s seed\n' +
    '  --quiet       print no events, only the closing summary\n',
  'cli.run.oneScenario': 'run: give exactly one scenario (a built-in name or a .yaml path)',
  'cli.run.jsonQuiet': "run: '--json' and '--quiet' exclude each other",

  // the closing summary of a headless run (src/cli/stop.ts)
  'cli.stop.summary': '{events} events, {secs} s of virtual time, {why}',
  'cli.stop.idle': 'nothing left to do',
  'cli.stop.until': "reached --until / the scenario's until",
  'cli.stop.cap': 'stopped at the hard cap of one hour of virtual time (set until: to run longer)',
  'cli.stop.budget': 'stopped by the event budget ({budget} events): a forwarding loop or an event storm?',

  // the progress bar of a long headless run (src/cli/progress.ts)
  'cli.progress.unknownEnd': 'simulating  virtual {virtual}',
  'cli.progress.untilIdle': 'simulating {bar} traffic done, running until idle  virtual {virtual}',
  'cli.progress.toEnd': 'simulating {bar} {percent}%  virtual {virtual} of {end}',
  'cli.progress.events': '{count} events  {rate}',
  'cli.progress.rate': '{count} events/s',

  // lvslab check (src/cli/check.ts)
  'cli.check.usage':
    'Usage: lvslab check [<scenario>...] [--seed N]\n' +
    '\n' +
    'Runs each scenario (all built-ins when none is named) and verifies its expectations.\n' +
    'Exit 0 when all pass, 1 when any fails, 2 on bad input.\n',
  'cli.check.headCheckpoint': 'checkpoint',
  'cli.check.headExpectation': 'expectation',
  'cli.check.headResult': 'result',
  'cli.check.pass': 'pass: {detail}',
  'cli.check.fail': 'FAIL: {detail}',
  'cli.check.failed': 'expectation failed: {detail}',
  'cli.check.summary': '{passed} passed, {failed} failed',

  // lvslab validate (src/cli/validate.ts)
  'cli.validate.usage': 'Usage: lvslab validate <file>...\n\nChecks scenario files without running them. Exit 0 when all are valid, 2 otherwise.\n',
  'cli.validate.noFile': 'validate: give at least one scenario file',
  'cli.validate.ok': '{file}: ok',

  // lvslab list (src/cli/list.ts)
  'cli.list.usage': 'Usage: lvslab list [TOPIC] [--long]\n\nThe built-in labs by topic: name and title (--long: and the summary).\nTopics: {topics}.\n',
  'cli.list.unexpectedArgument': "lvslab list: unexpected argument '{arg}'",
  'cli.list.unknownTopic': "lvslab list: unknown topic '{topic}' (topics: {topics})",
  'cli.list.unknownTopicNear': "lvslab list: unknown topic '{topic}', did you mean '{near}'? (topics: {topics})",
  'cli.list.heading': '{topic}: {about} ({count})',
  'cli.list.doesNotLoad': '(does not load: {message})',
  'cli.list.loadError': 'error',
  'cli.list.footer': "{count} labs. Open one with 'lvslab play NAME'; 'lvslab check' runs them all.",

  // lvslab schema (src/cli/schema.ts)
  'cli.schema.usage': 'Usage: lvslab schema\n\nPrints the JSON Schema of the scenario format (for editor completion).\n',

  // lvslab play (src/cli/play.ts)
  'cli.play.usage':
    'Usage: lvslab play [<scenario>] [--seed N] [--lang en|zh-CN] [--no-color]\n\nOpens the terminal lab on a scenario; without one, a picker of the built-in labs. Press ? in the lab for its keys.\n',
  'cli.play.oneScenario': 'play: give one scenario',
  'cli.play.notTerminal': 'lvslab play: standard output is not a terminal; printing the text trace instead',
  'cli.play.noPicker': 'play: not a terminal, so no picker: give a scenario (lvslab list shows them)',

  // lvslab keepalived-check (src/cli/keepalived-check.ts)
  'cli.keepalivedCheck.usage':
    'Usage: lvslab keepalived-check <keepalived.conf>\n' +
    '\n' +
    'Parses a keepalived.conf the way keepalived would and reports problems as file:line:col: message.\n' +
    'When it loads, prints the IPVS table keepalived would build (ipvsadm -L -n) and the effective\n' +
    'settings of each VRRP instance. Exit 0 when it loads, 2 when it does not.\n',
  'cli.keepalivedCheck.oneFile': 'keepalived-check: give exactly one keepalived.conf',
  'cli.keepalivedCheck.cannotRead': 'keepalived-check: cannot read {file}: {code}',
  'cli.keepalivedCheck.warning': 'warning: {message}',
};
