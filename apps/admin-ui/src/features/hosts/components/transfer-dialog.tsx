import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTeamOptions } from '../../teams/hooks/use-teams';
import { useTransferHosts } from '../hooks/use-hosts';

/** Moves hosts to a team (or to no team); the hosts pick up the team's agent options and queries at their next check-in. */
export function TransferDialog({ hostIds, opened, onClose, onDone }: { hostIds: number[]; opened: boolean; onClose: () => void; onDone?: () => void }) {
  const teams = useTeamOptions();
  const [team, setTeam] = useState<string | null>(null);
  const transfer = useTransferHosts();
  const n = hostIds.length;
  const submit = () => {
    if (team === null) return;
    transfer.mutate({ teamId: team === '0' ? null : Number(team), ids: hostIds }, { onSuccess: () => { onClose(); onDone?.(); } });
  };
  return (
    <Modal opened={opened} onClose={onClose} title={`Transfer ${n === 1 ? 'host' : `${n} hosts`}`}>
      <Stack>
        <Text size="sm">The {n === 1 ? 'host takes' : 'hosts take'} the team&apos;s agent options, queries and policies at the next check-in.</Text>
        <Select label="Team" placeholder="Choose a team" data={teams} value={team} onChange={setTeam} searchable data-autofocus />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button onClick={submit} disabled={team === null} loading={transfer.isPending}>Transfer</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
