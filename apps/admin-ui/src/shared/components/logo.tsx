import { Group, Text } from '@mantine/core';

/** The product's mark: a fleet of hosts, some reporting (white), some waiting (light blue). Same drawing as favicon.svg. */
export function LogoMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="14" fill="#1864ab" />
      <g fill="#fff">
        <circle cx="18" cy="20" r="6" /><circle cx="32" cy="20" r="6" /><circle cx="46" cy="20" r="6" />
        <circle cx="18" cy="34" r="6" /><circle cx="32" cy="34" r="6" /><circle cx="18" cy="48" r="6" />
      </g>
      <g fill="#74c0fc"><circle cx="46" cy="34" r="6" /><circle cx="32" cy="48" r="6" /><circle cx="46" cy="48" r="6" /></g>
    </svg>
  );
}

/** Mark and name, as shown in the header and on the login page. */
export function Logo() {
  return (
    <Group gap={8} wrap="nowrap">
      <LogoMark />
      <Text fw={700} size="lg">Fleet</Text>
    </Group>
  );
}
