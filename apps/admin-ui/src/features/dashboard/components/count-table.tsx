import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';

export interface CountRow { key: string; name: string; detail?: string; hosts: number; to: string }

/** A two-column list of name → hosts with a link per row. */
export function CountTable({ label, rows }: { label: string; rows: CountRow[] }) {
  return (
    <Table aria-label={label} verticalSpacing={4}>
      <Table.Thead><Table.Tr><Table.Th scope="col">Name</Table.Th><Table.Th scope="col" ta="right">Hosts</Table.Th></Table.Tr></Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key}>
            <Table.Td><Anchor component={Link} to={r.to} size="sm">{r.name}</Anchor>{r.detail && <Text span size="xs" c="dimmed"> {r.detail}</Text>}</Table.Td>
            <Table.Td ta="right">{r.hosts.toLocaleString()}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
