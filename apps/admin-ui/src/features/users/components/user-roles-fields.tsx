import { ActionIcon, Button, Group, Select, Stack, Text } from '@mantine/core';
import { useTeams } from '../../teams/hooks/use-teams';
import type { RoleName } from '../api/users.api';
import { ROLES } from './roles';

export interface RolesValue { readonly global_role: RoleName | ''; readonly teams: ReadonlyArray<{ id: number; role: RoleName }> }

/** A global role, or ("No global role") a role on each of some teams: Fleet grants one or the other. */
export function UserRolesFields({ value, onChange, disabled }: { value: RolesValue; onChange: (v: RolesValue) => void; disabled?: boolean }) {
  const teams = useTeams().data ?? [];
  const free = teams.filter((t) => !value.teams.some((x) => x.id === t.id));
  const setTeam = (i: number, patch: Partial<{ id: number; role: RoleName }>) =>
    onChange({ ...value, teams: value.teams.map((t, j) => (j === i ? { ...t, ...patch } : t)) });
  return (
    <Stack gap="xs">
      <Select label="Global role" data={[{ value: '', label: 'No global role (team roles)' }, ...ROLES]} value={value.global_role} allowDeselect={false} disabled={disabled}
        onChange={(v) => onChange({ global_role: (v ?? ''), teams: v ? [] : value.teams })} />
      {value.global_role === '' && (
        <Stack gap={6}>
          <Text size="sm" fw={500}>Team roles</Text>
          {value.teams.length === 0 && <Text size="sm" c="dimmed">No team yet: without a role the user sees nothing.</Text>}
          {value.teams.map((t, i) => (
            <Group key={t.id} gap="xs" wrap="nowrap">
              <Select aria-label={`Team ${i + 1}`} data={[...teams.filter((x) => x.id === t.id), ...free].map((x) => ({ value: String(x.id), label: x.name }))}
                value={String(t.id)} onChange={(v) => v && setTeam(i, { id: Number(v) })} allowDeselect={false} disabled={disabled} style={{ flex: 1 }} />
              <Select aria-label={`Role on team ${teams.find((x) => x.id === t.id)?.name ?? i + 1}`} data={[...ROLES]} value={t.role}
                onChange={(v) => v && setTeam(i, { role: v })} allowDeselect={false} disabled={disabled} w={140} />
              <ActionIcon variant="subtle" color="red.9" c="red.9" aria-label={`Remove team ${teams.find((x) => x.id === t.id)?.name ?? i + 1}`} disabled={disabled}
                onClick={() => onChange({ ...value, teams: value.teams.filter((_, j) => j !== i) })}>×</ActionIcon>
            </Group>
          ))}
          {free.length > 0 && !disabled && (
            <Button variant="light" size="xs" w="fit-content" onClick={() => onChange({ ...value, teams: [...value.teams, { id: free[0]?.id ?? 0, role: 'observer' }] })}>Add a team</Button>
          )}
        </Stack>
      )}
    </Stack>
  );
}

/** The request fields of a roles value: a global role, or team roles. */
export const rolesBody = (v: RolesValue) => (v.global_role ? { global_role: v.global_role, teams: [] } : { global_role: null, teams: v.teams.map((t) => ({ ...t })) });
