import { teamRoutes } from '@fleet/contracts';
import { callRoute } from '../../../api/http-client';

/** The enroll secrets of the organisation (`teamId` null: hosts join no team) or of one team (hosts join it). */
export const addHostsApi = {
  secrets: async (teamId: number | null, signal?: AbortSignal): Promise<string[]> => {
    if (teamId === null) return (await callRoute(teamRoutes.globalSecrets, {}, { signal })).spec.secrets.map((s) => s.secret);
    return ((await callRoute(teamRoutes.secrets, { params: { id: teamId } }, { signal })).secrets ?? []).map((s) => s.secret);
  },
  /** Replaces the secrets with `secret` alone: hosts already enrolled keep working, new ones need the new secret. */
  replaceSecrets: async (teamId: number | null, secret: string): Promise<void> => {
    if (teamId === null) await callRoute(teamRoutes.replaceGlobalSecrets, { body: { spec: { secrets: [{ secret }] } } });
    else await callRoute(teamRoutes.replaceSecrets, { params: { id: teamId }, body: { secrets: [{ secret }] } });
  },
};

/** A new enroll secret as Fleet makes them: 24 random bytes, base64 (32 characters). */
export function newEnrollSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes));
}
