/** Placeholder for a panel whose projection this session does not have. */
import { Text } from 'ink';
import { useTheme } from './use-theme.js';

type Props = { readonly what: string };

export function Unavailable({ what }: Props) {
  const theme = useTheme();
  return (
    <Text color={theme.muted} wrap="truncate">
      (no {what} data in this session)
    </Text>
  );
}
