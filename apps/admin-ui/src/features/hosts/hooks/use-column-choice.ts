import { useCallback, useMemo, useState } from 'react';
import { useMe } from '../../auth/hooks/use-session';

function read(key: string, defaults: readonly string[]): string[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(key) ?? 'null');
    return Array.isArray(stored) && stored.every((c) => typeof c === 'string') ? stored : [...defaults];
  } catch {
    return [...defaults];
  }
}

/**
 * Which columns a table shows, kept per user and per table in this browser's localStorage (key
 * `fleet.columns.<table>.<user id>`), so each person who signs in here gets their own choice back.
 */
export function useColumnChoice(table: string, defaults: readonly string[]) {
  const userId = useMe().data?.user.id ?? 'anonymous';
  const key = `fleet.columns.${table}.${userId}`;
  const [version, setVersion] = useState(0);
  const visible = useMemo(() => read(key, defaults), [key, defaults, version]); // version: re-read after a change
  const setVisible = useCallback((next: string[]) => {
    localStorage.setItem(key, JSON.stringify(next));
    setVersion((v) => v + 1);
  }, [key]);
  return [visible, setVisible] as const;
}
