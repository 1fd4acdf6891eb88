import { session } from '../../../api/session';
import { URL_PREFIX } from '../../../api/url-prefix';

export interface Totals { count: number; online: number; offline: number; missing_in_action: number }
export interface CampaignStatus { expected_results: number; actual_results: number; status: string }
export interface ResultMessage { host: { id: number; hostname: string; display_name: string }; rows: Array<Record<string, string>>; error: string | null }

export interface CampaignListener {
  totals(t: Totals): void;
  status(s: CampaignStatus): void;
  result(r: ResultMessage): void;
  error(message: string): void;
}

/**
 * Follows a live-query campaign over Fleet's results websocket: authenticate, select the campaign, then
 * totals, status and one result per host. Returns a function that closes the socket.
 */
export function followCampaign(campaignId: number, on: CampaignListener): () => void {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const ws = new WebSocket(`${scheme}://${window.location.host}${URL_PREFIX}/api/latest/fleet/results/websocket`);
  ws.onopen = () => {
    ws.send(JSON.stringify({ type: 'auth', data: { token: session.token() } }));
    ws.send(JSON.stringify({ type: 'select_campaign', data: { campaign_id: campaignId } }));
  };
  ws.onmessage = (ev: MessageEvent<string>) => {
    const msg = JSON.parse(ev.data) as { type: string; data: unknown };
    if (msg.type === 'totals') on.totals(msg.data as Totals);
    else if (msg.type === 'status') on.status(msg.data as CampaignStatus);
    else if (msg.type === 'result') on.result(msg.data as ResultMessage);
    else if (msg.type === 'error') on.error(String(msg.data));
  };
  ws.onerror = () => on.error('the results connection failed');
  return () => ws.close();
}
