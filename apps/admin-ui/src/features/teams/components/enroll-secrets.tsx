import { Button, Code, CopyButton, Group, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { confirmDestructive } from '../../../shared/components/confirm';
import { Empty } from '../../../shared/components/empty-state';
import { RelativeTime } from '../../../shared/components/relative-time';
import { LoadError, TableSkeleton } from '../../../shared/components/skeletons';
import { newEnrollSecret } from '../../add-hosts/api/add-hosts.api';
import { enrollSecretsApi } from '../api/teams.api';

/** Shows the last characters only, so a screenshot or a shoulder never carries a whole secret. */
const masked = (s: string) => `••••••••${s.slice(-4)}`;

/**
 * The enroll secrets of the organisation (`teamId` null: hosts join no team) or of a team: copy, add a new
 * random one, rotate one (a new secret replaces it), delete one, each replacing the list on the server.
 */
export function EnrollSecrets({ teamId, writable }: { teamId: number | null; writable: boolean }) {
  const key = queryKeys.config.enrollSecrets(teamId);
  const list = useQuery({ queryKey: [...key, 'full'], queryFn: ({ signal }) => enrollSecretsApi.list(teamId, signal) });
  const replace = useMutation({
    mutationFn: ({ secrets }: { secrets: string[]; done: string }) => enrollSecretsApi.replace(teamId, secrets),
    meta: {
      invalidates: [key, queryKeys.teams.all, queryKeys.activities.all], failure: 'Could not change the enroll secrets',
      success: (v) => (v as { done: string }).done,
    },
  });
  const secrets = (list.data ?? []).map((s) => s.secret);
  const without = (secret: string) => secrets.filter((s) => s !== secret);
  const rotate = (secret: string) => confirmDestructive({
    title: 'Rotate this enroll secret?', confirmLabel: 'Rotate secret',
    message: 'A new secret replaces it. Enrolled hosts keep working; installers and flagfiles with the old secret can no longer enroll new hosts.',
    onConfirm: () => replace.mutate({ secrets: [...without(secret), newEnrollSecret()], done: 'Enroll secret rotated' }),
  });
  const remove = (secret: string) => confirmDestructive({
    title: 'Delete this enroll secret?', confirmLabel: 'Delete secret',
    message: 'Installers and flagfiles with this secret can no longer enroll new hosts. Enrolled hosts keep working.',
    onConfirm: () => replace.mutate({ secrets: without(secret), done: 'Enroll secret deleted' }),
  });
  if (list.error) return <LoadError error={list.error} what="the enroll secrets" />;
  if (list.isPending) return <TableSkeleton rows={2} />;
  return (
    <Stack>
      <Text size="sm" c="dimmed">Hosts enroll with any of these secrets{teamId === null ? ' and join no team' : ' and join this team'}.</Text>
      {secrets.length === 0 ? <Empty title="No enroll secret">No host can enroll{teamId === null ? ' without a team' : ' into this team'} until one is added.</Empty> : (
        <Table.ScrollContainer minWidth={420}>
          <Table aria-label="Enroll secrets" data-testid="enroll-secrets">
            <Table.Thead><Table.Tr><Table.Th scope="col">Secret</Table.Th><Table.Th scope="col">Created</Table.Th><Table.Th scope="col">Actions</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {(list.data ?? []).map((s, i) => (
                <Table.Tr key={s.secret}>
                  <Table.Td><Code>{masked(s.secret)}</Code></Table.Td>
                  <Table.Td><RelativeTime value={s.created_at} /></Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <CopyButton value={s.secret}>
                        {({ copied, copy }) => <Button size="compact-xs" variant="subtle" onClick={copy} aria-label={`Copy secret ${i + 1}`}>{copied ? 'Copied' : 'Copy'}</Button>}
                      </CopyButton>
                      {writable && <Button size="compact-xs" variant="subtle" onClick={() => rotate(s.secret)} aria-label={`Rotate secret ${i + 1}`}>Rotate</Button>}
                      {writable && <Button size="compact-xs" variant="subtle" color="red.9" c="red.9" onClick={() => remove(s.secret)} aria-label={`Delete secret ${i + 1}`}>Delete</Button>}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {writable && (
        <Button variant="light" w="fit-content" loading={replace.isPending}
          onClick={() => replace.mutate({ secrets: [...secrets, newEnrollSecret()], done: 'Enroll secret added' })}>Add secret</Button>
      )}
    </Stack>
  );
}
