/** The visible window of the event list, one line per event, the current one in inverse video. */
import { Box, Text } from 'ink';
import type { ListRow } from '../screen.js';

export interface EventListProps {
  readonly rows: readonly ListRow[];
  readonly width: number;
  readonly color: boolean;
  /** The list has the keyboard (its cursor line is then inverse; otherwise underlined). */
  readonly focused: boolean;
}

export function EventList({ rows, width, color, focused }: EventListProps) {
  return (
    <Box flexDirection="column" width={width} height={rows.length}>
      {rows.map((row) => {
        if (row.current) {
          return (
            <Text key={row.step} wrap="truncate-end" inverse={focused} underline={!focused} bold={!focused}>
              {row.text}
            </Text>
          );
        }
        if (!color || (row.hue === undefined && row.protoHue === undefined)) {
          return (
            <Text key={row.step} wrap="truncate-end" bold={row.match}>
              {row.text}
            </Text>
          );
        }
        // Colour only the two-character marker; the text is the same line as `lvslab run` prints.
        return (
          <Text key={row.step} wrap="truncate-end" bold={row.match}>
            <Text {...(row.hue === undefined ? {} : { color: row.hue })}>{row.text.slice(0, 2)}</Text>
            <Text {...(row.protoHue === undefined ? {} : { color: row.protoHue })}>{row.text.slice(2)}</Text>
          </Text>
        );
      })}
    </Box>
  );
}
