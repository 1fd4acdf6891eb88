import { Alert, Button, Code, Group, List, Stack, Table, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { agentOptionsText, checkAgentOptions, optionDifferences } from './agent-options';

/**
 * The agent options editor: YAML (or JSON) checked against osquery's options before it is saved; problems
 * stop the save, unknown names (an extension's flags) ask for a second click. With `base` (the global options,
 * for a team) the leaves the text sets differently are listed. `onSave` gets the parsed options.
 */
export function AgentOptionsEditor({ initial, base, readOnly, saving, onSave }: {
  initial: unknown; base?: unknown; readOnly: boolean; saving: boolean; onSave: (options: Record<string, unknown>) => void;
}) {
  const [text, setText] = useState(() => agentOptionsText(initial));
  const [problems, setProblems] = useState<{ errors: string[]; warnings: string[]; text: string } | null>(null);
  const check = checkAgentOptions(text);
  const differences = base !== undefined && check.value ? optionDifferences(base, check.value) : [];
  const warned = problems !== null && problems.text === text && problems.errors.length === 0 && problems.warnings.length > 0;
  const save = () => {
    if (check.errors.length > 0 || (check.warnings.length > 0 && !warned)) return setProblems({ ...check, text });
    if (check.value) onSave(check.value);
  };
  return (
    <Stack>
      <Textarea label="Agent options (YAML or JSON)" value={text} onChange={(e) => { setText(e.currentTarget.value); setProblems(null); }}
        readOnly={readOnly} autosize minRows={10} maxRows={30} spellCheck={false} styles={{ input: { fontFamily: 'monospace', fontSize: 13 } }}
        description="config.options are osquery's options; overrides.platforms.<platform> replace config on one platform; command_line_flags need osquery restarted."
        error={problems && problems.text === text && problems.errors.length > 0 ? 'Not saved: see the problems below' : undefined} />
      {problems && problems.text === text && (problems.errors.length > 0 || problems.warnings.length > 0) && (
        <Alert color={problems.errors.length ? 'red' : 'yellow'} title={problems.errors.length ? 'These options cannot be saved' : 'Options osquery does not know'} role="alert">
          <List size="sm">{[...problems.errors, ...problems.warnings].map((p) => <List.Item key={p}>{p}</List.Item>)}</List>
          {problems.errors.length === 0 && <Text size="sm" mt={4}>Extensions may add their own options. Save again to keep them.</Text>}
        </Alert>
      )}
      {base !== undefined && (
        <Stack gap={4}>
          <Text fw={600} size="sm">Difference to the global options</Text>
          {!check.value ? <Text size="sm" c="dimmed">Shown once the text parses.</Text>
            : differences.length === 0 ? <Text size="sm" c="dimmed">The same as the global options.</Text> : (
              <Table.ScrollContainer minWidth={420}>
                <Table aria-label="Difference to the global options" data-testid="agent-options-diff" fz="sm">
                  <Table.Thead><Table.Tr><Table.Th scope="col">Option</Table.Th><Table.Th scope="col">Global</Table.Th><Table.Th scope="col">Here</Table.Th></Table.Tr></Table.Thead>
                  <Table.Tbody>
                    {differences.map((d) => (
                      <Table.Tr key={d.key}>
                        <Table.Td><Code>{d.key}</Code></Table.Td>
                        <Table.Td>{d.base ?? <Text span c="dimmed" size="sm">not set</Text>}</Table.Td>
                        <Table.Td>{d.value ?? <Text span c="dimmed" size="sm">not set</Text>}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
        </Stack>
      )}
      {!readOnly && (
        <Group>
          <Button onClick={save} loading={saving}>{warned ? 'Save anyway' : 'Save agent options'}</Button>
        </Group>
      )}
    </Stack>
  );
}
