import { id, oneOf } from '../../../shared/hooks/use-url-state';

/**
 * The dashboard's view as kept in the URL (`/dashboard?team_id=3&range=7d`). Its own file, so app/route-prefetch.ts
 * reads it without pulling the page's code into the entry.
 */
export const DASHBOARD_URL_STATE = { team_id: id(), range: oneOf(['24h', '7d'], '24h') };

/** The team whose host summary the dashboard shows: null for all teams. */
export const summaryTeamOf = (team: string): number | null => (team === '' ? null : Number(team));
