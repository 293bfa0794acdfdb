/** The bytes pane: the lines of a HexView, the selected field's bytes in inverse video (readable without colour). */
import { Box, Text } from 'ink';
import type { HexLine, HexView } from '../hex.js';

export interface HexPaneProps {
  readonly view: HexView;
  readonly width: number;
}

/** A line cut at its marks: plain and highlighted runs in order. */
function runs(line: HexLine): { text: string; on: boolean }[] {
  const out: { text: string; on: boolean }[] = [];
  let at = 0;
  for (const m of line.marks) {
    if (m.from > at) out.push({ text: line.text.slice(at, m.from), on: false });
    out.push({ text: line.text.slice(m.from, m.to), on: true });
    at = m.to;
  }
  if (at < line.text.length) out.push({ text: line.text.slice(at), on: false });
  return out;
}

export function HexPane({ view, width }: HexPaneProps) {
  return (
    <Box flexDirection="column" width={width} height={view.lines.length}>
      {view.lines.map((line) => (
        <Text key={line.offset} wrap="truncate-end">
          {runs(line).map((r, i) => (
            <Text key={i} inverse={r.on}>
              {r.text}
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}
