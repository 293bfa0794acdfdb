/**
 * The topology pane: the lines of src/ui/topology.ts, each cut into pieces by its tone spans. The
 * current host, segment and wire are in inverse bold (readable without colour, next to their `▶`
 * and `▲`/`▼` markers); a link that is down is bold (and red with colour) next to its `╳`.
 */
import { Box, Text } from 'ink';
import type { Hue } from '../color.js';
import type { TopoLine, TopoTone } from '../topology.js';
import { displayWidth, sliceColumns } from '../width.js';

export interface TopologyPaneProps {
  readonly lines: readonly TopoLine[];
  readonly width: number;
  readonly color: boolean;
}

const TOPO_HUE: Readonly<Record<TopoTone, Hue | undefined>> = {
  focus: undefined,
  down: 'red',
  dim: 'gray',
  segment: 'blue',
};

function Piece({ text, tone, color }: { text: string; tone: TopoTone | undefined; color: boolean }) {
  if (tone === undefined) return <Text>{text}</Text>;
  const hue = color ? TOPO_HUE[tone] : undefined;
  return (
    <Text inverse={tone === 'focus'} bold={tone === 'focus' || tone === 'down'} {...(hue === undefined ? {} : { color: hue })}>
      {text}
    </Text>
  );
}

export function TopologyPane({ lines, width, color }: TopologyPaneProps) {
  return (
    <Box flexDirection="column" width={width} height={lines.length}>
      {lines.map((line, i) => {
        const pieces: { text: string; tone: TopoTone | undefined }[] = [];
        let at = 0;
        for (const s of line.spans) {
          // Spans are in columns: a CJK label takes two per character.
          if (s.from > at) pieces.push({ text: sliceColumns(line.text, at, s.from), tone: undefined });
          pieces.push({ text: sliceColumns(line.text, s.from, s.to), tone: s.tone });
          at = s.to;
        }
        if (at < displayWidth(line.text)) pieces.push({ text: sliceColumns(line.text, at), tone: undefined });
        return (
          <Text key={i} wrap="truncate-end">
            {pieces.length === 0 ? ' ' : pieces.map((p, k) => <Piece key={k} text={p.text} tone={p.tone} color={color} />)}
          </Text>
        );
      })}
    </Box>
  );
}
