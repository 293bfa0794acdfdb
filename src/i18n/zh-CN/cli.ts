/** Simplified Chinese texts for cli's message ids (mirrors ../en/cli.ts). */
export const cliMessages: Readonly<Record<string, string>> = {
  // lvslab（src/cli/main.ts）
  'cli.main.help':
    'lvslab：逐个数据包地单步观察 Linux 虚拟服务器（LVS）\n' +
    '\n' +
    '用法：\n' +
    '  lvslab                                   在终端上：内置实验的选择器；否则显示本帮助\n' +
    '  lvslab play [<scenario>] [--seed N]      终端实验，逐个数据包演示（按 ? 列出按键）\n' +
    '  lvslab run <scenario> [--json] [--pcap DIR] [--until TIME] [--seed N] [--quiet]\n' +
    '                                           无界面模拟：每个事件一行、JSONL、pcap 文件\n' +
    '  lvslab check [<scenario>...]             运行场景并验证其中的预期\n' +
    '  lvslab validate <file>...                检查场景文件，但不运行\n' +
    '  lvslab list                              列出内置场景\n' +
    '  lvslab schema                            场景格式的 JSON Schema\n' +
    '  lvslab keepalived-check <keepalived.conf>\n' +
    '                                           像 keepalived 那样解析 keepalived.conf；\n' +
    '                                           打印它建立的 IPVS 表和各 VRRP 实例的设置\n' +
    '\n' +
    '<scenario> 是内置场景的名称（见 \'lvslab list\'）或一个 .yaml 文件的路径。\n' +
    '时长要带单位：250us、15ms、2s。每个命令都接受 --help、--no-color 和\n' +
    '--lang en|zh-CN（默认取自 LC_ALL、LC_MESSAGES 或 LANG；zh… 即简体中文）。\n',
  'cli.main.unknownCommand': "未知命令 '{name}'（可用的命令：{commands}）",

  // 选项（src/cli/args.ts）；parseArgs 的几条对应 Node 自己的英文措辞
  'cli.args.unknownOption': "未知选项 '{option}'",
  'cli.args.missingValue': "选项 '{option} <value>' 缺少参数值",
  'cli.args.takesNoValue': "选项 '{option}' 不接受参数值",
  'cli.args.ambiguousValue':
    "选项 '{option}' 的参数值有歧义。\n是不是忘了给 '{option}' 指定参数值？\n要给出以短横线开头的参数值，请写成 '{option}=-XYZ'。",
  'cli.args.badSeed': "--seed: 需要一个非负整数，得到的却是 '{text}'",
  'cli.args.langMissing': "--lang: 需要指定语言：'en' 或 'zh-CN'",
  'cli.args.langUnknown': "--lang: '{value}' 不是本实验支持的语言（'en' 或 'zh-CN'）",

  // lvslab run（src/cli/run.ts）
  'cli.run.usage':
    '用法：lvslab run <scenario> [--json] [--pcap DIR] [--until TIME] [--seed N] [--quiet]\n' +
    '\n' +
    '无界面地模拟一个场景。\n' +
    '  --json        每个事件输出一个 JSON 对象（JSONL），见 docs/trace-format.md\n' +
    '  --pcap DIR    为每个网段写出 DIR/<segment>.pcap（以虚拟时间作时间戳）\n' +
    '  --until TIME  在这个虚拟时间停止（例如 500ms、2s）\n' +
    '  --seed N      覆盖场景的随机种子\n' +
    '  --quiet       不打印事件，只打印结束时的汇总行\n',
  'cli.run.oneScenario': 'run: 需要恰好一个场景（内置场景名或 .yaml 文件路径）',
  'cli.run.jsonQuiet': "run: '--json' 与 '--quiet' 不能同时使用",

  // 无界面运行结束时的汇总行（src/cli/stop.ts）
  'cli.stop.summary': '{events} 个事件，虚拟时间 {secs} s，{why}',
  'cli.stop.idle': '已无事可做',
  'cli.stop.until': '已到达 --until / 场景中 until 给定的时间',
  'cli.stop.cap': '在虚拟时间一小时的硬上限处停止（要运行更久，请设置 until:）',
  'cli.stop.budget': '达到事件预算（{budget} 个事件）而停止：是转发环路，还是事件风暴？',

  // 长时间无界面运行的进度条（src/cli/progress.ts）
  'cli.progress.unknownEnd': '模拟中  虚拟时间 {virtual}',
  'cli.progress.untilIdle': '模拟中 {bar} 流量已结束，继续运行直到空闲  虚拟时间 {virtual}',
  'cli.progress.toEnd': '模拟中 {bar} {percent}%  虚拟时间 {virtual} / {end}',
  'cli.progress.events': '{count} 个事件  {rate}',
  'cli.progress.rate': '{count} 事件/s',

  // lvslab check（src/cli/check.ts）
  'cli.check.usage':
    '用法：lvslab check [<scenario>...] [--seed N]\n' +
    '\n' +
    '运行每个场景（未指定时运行全部内置场景），并验证其中的预期。\n' +
    '全部通过时退出码为 0，有任何失败时为 1，输入有误时为 2。\n',
  'cli.check.headCheckpoint': '检查点',
  'cli.check.headExpectation': '预期',
  'cli.check.headResult': '结果',
  'cli.check.pass': '通过：{detail}',
  'cli.check.fail': '失败：{detail}',
  'cli.check.failed': '预期未满足：{detail}',
  'cli.check.summary': '{passed} 项通过，{failed} 项失败',

  // lvslab validate（src/cli/validate.ts）
  'cli.validate.usage': '用法：lvslab validate <file>...\n\n检查场景文件，但不运行它们。全部有效时退出码为 0，否则为 2。\n',
  'cli.validate.noFile': 'validate: 至少要给出一个场景文件',
  'cli.validate.ok': '{file}: 有效',

  // lvslab list（src/cli/list.ts）
  'cli.list.usage': '用法：lvslab list [TOPIC] [--long]\n\n按主题列出内置实验：名称和标题（--long：再加上简介）。\n主题：{topics}。\n',
  'cli.list.unexpectedArgument': "lvslab list: 多余的参数 '{arg}'",
  'cli.list.unknownTopic': "lvslab list: 未知主题 '{topic}'（可用的主题：{topics}）",
  'cli.list.unknownTopicNear': "lvslab list: 未知主题 '{topic}'，是不是想找 '{near}'？（可用的主题：{topics}）",
  'cli.list.heading': '{topic}: {about}（{count} 个）',
  'cli.list.doesNotLoad': '（无法加载：{message}）',
  'cli.list.loadError': '错误',
  'cli.list.footer': "共 {count} 个实验。用 'lvslab play NAME' 打开其中一个；'lvslab check' 运行全部实验。",

  // lvslab schema（src/cli/schema.ts）
  'cli.schema.usage': '用法：lvslab schema\n\n打印场景格式的 JSON Schema（供编辑器补全使用）。\n',

  // lvslab play（src/cli/play.ts）
  'cli.play.usage':
    '用法：lvslab play [<scenario>] [--seed N] [--lang en|zh-CN] [--no-color]\n\n在终端实验中打开一个场景；不指定场景时，打开内置实验的选择器。在实验中按 ? 查看按键。\n',
  'cli.play.oneScenario': 'play: 只能给出一个场景',
  'cli.play.notTerminal': 'lvslab play: 标准输出不是终端，改为打印文本形式的跟踪记录',
  'cli.play.noPicker': 'play: 不是终端，无法显示选择器：请给出一个场景（lvslab list 会列出它们）',

  // lvslab keepalived-check（src/cli/keepalived-check.ts）
  'cli.keepalivedCheck.usage':
    '用法：lvslab keepalived-check <keepalived.conf>\n' +
    '\n' +
    '像 keepalived 那样解析 keepalived.conf，并以 file:line:col: message 的形式报告问题。\n' +
    '能加载时，打印 keepalived 会建立的 IPVS 表（ipvsadm -L -n），以及每个 VRRP 实例\n' +
    '实际生效的设置。能加载时退出码为 0，不能加载时为 2。\n',
  'cli.keepalivedCheck.oneFile': 'keepalived-check: 需要恰好一个 keepalived.conf',
  'cli.keepalivedCheck.cannotRead': 'keepalived-check: 无法读取 {file}：{code}',
  'cli.keepalivedCheck.warning': '警告：{message}',
};
