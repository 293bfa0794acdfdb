/** The lab's header line: scenario title on the left, step, time, play state and speed on the right. */
import { Box, Text } from 'ink';
import { displayWidth, fitWidth } from '../width.js';

export interface HeaderProps {
  readonly title: string;
  readonly status: string;
  readonly width: number;
}

export function Header({ title, status, width }: HeaderProps) {
  const shownTitle = fitWidth(title, width);
  const titleWidth = displayWidth(shownTitle);
  const room = width - titleWidth - 1;
  const shownStatus = room > 0 ? fitWidth(status, room) : '';
  const gap = Math.max(1, width - titleWidth - displayWidth(shownStatus));
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate-end" bold>
        {shownTitle}
      </Text>
      <Text wrap="truncate-end">{shownStatus === '' ? '' : `${' '.repeat(gap)}${shownStatus}`}</Text>
    </Box>
  );
}
