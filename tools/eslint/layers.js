// The import-direction rule of docs/architecture.md as an ESLint rule: each layer of src/ may
// import only the layers listed for it. Type-only imports of trace events and i18n messages are
// the shared vocabulary and allowed everywhere below the UI.
import path from 'node:path';

/** Layer of a file under src/, by the longest matching folder. */
const LAYERS = [
  ['src/net/wire', 'wire'],
  ['src/net/pcap', 'pcap'],
  ['src/net', 'net'],
  ['src/ipvs', 'ipvs'],
  ['src/keepalived', 'keepalived'],
  ['src/scenarios', 'scenarios'],
  ['src/trace', 'trace'],
  ['src/ui', 'ui'],
  ['src/cli', 'cli'],
  ['src/i18n', 'i18n'],
  ['src/assert-never.ts', 'common'],
  ['src/did-you-mean.ts', 'common'],
  ['src/index.ts', 'api'],
];

/** Who may import whom (common and i18n: everyone). */
const ALLOWED = {
  wire: ['wire'],
  pcap: ['pcap', 'wire'],
  net: ['net', 'wire', 'pcap', 'trace-types'],
  ipvs: ['ipvs', 'net', 'wire', 'trace-types'],
  keepalived: ['keepalived', 'net', 'ipvs', 'wire', 'trace-types'],
  scenarios: ['scenarios', 'keepalived', 'ipvs', 'net', 'wire', 'pcap', 'trace', 'trace-types'],
  trace: ['trace', 'wire', 'pcap', 'trace-types'],
  ui: ['ui', 'trace', 'trace-types', 'scenarios', 'wire'],
  cli: ['cli', 'ui', 'scenarios', 'trace', 'trace-types', 'keepalived', 'ipvs', 'net', 'wire', 'pcap'],
  api: ['wire', 'pcap', 'net', 'ipvs', 'keepalived', 'scenarios', 'trace', 'trace-types'],
  i18n: ['i18n'],
  common: [],
};

function layerOf(file) {
  const rel = path.relative(process.cwd(), file).split(path.sep).join('/');
  let best;
  for (const [prefix, layer] of LAYERS) {
    if (rel === prefix || rel.startsWith(prefix + '/')) {
      if (best === undefined || prefix.length > best[0].length) best = [prefix, layer];
    }
  }
  return best?.[1];
}

export const importDirection = {
  meta: { type: 'problem', schema: [], messages: { up: "layer '{{from}}' may not import '{{to}}' ({{spec}}): see docs/architecture.md" } },
  create(context) {
    const from = layerOf(context.filename);
    if (from === undefined) return {};
    function check(node, spec, typeOnly) {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = path.resolve(path.dirname(context.filename), spec);
      let to = layerOf(target.replace(/\.js$/, '.ts'));
      if (to === undefined) return;
      if (to === 'common' || to === 'i18n') return;
      if (to === 'trace' && typeOnly && /\/trace\/events\.(js|ts)$/.test(spec)) to = 'trace-types';
      if (to === from) return;
      if (!ALLOWED[from].includes(to)) context.report({ node, messageId: 'up', data: { from, to, spec } });
    }
    return {
      ImportDeclaration(node) {
        check(node, node.source.value, node.importKind === 'type');
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node, node.source.value, node.exportKind === 'type');
      },
      ExportAllDeclaration(node) {
        check(node, node.source.value, node.exportKind === 'type');
      },
    };
  },
};
