/** The visible window of the event list, one line per event, the current one in inverse video. */
import { Box, Text } from 'ink';
import type { ListRow } from '../screen.js';

export interface EventListProps {
  readonly rows: readonly ListRow[];
  readonly width: number;
  readonly color: boolean;
}

export function EventList({ rows, width, color }: EventListProps) {
  return (
    <Box flexDirection="column" width={width} height={rows.length}>
      {rows.map((row) => {
        if (row.current || !color || row.hue === undefined) {
          return (
            <Text key={row.step} wrap="truncate-end" inverse={row.current}>
              {row.text}
            </Text>
          );
        }
        // Colour only the two-character marker; the text is the same line as `lvslab run` prints.
        return (
          <Text key={row.step} wrap="truncate-end">
            <Text color={row.hue}>{row.text.slice(0, 2)}</Text>
            {row.text.slice(2)}
          </Text>
        );
      })}
    </Box>
  );
}
