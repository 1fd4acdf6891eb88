import WebSocket from 'ws';
import type { ApiClient } from '../http/api.client';

export interface Totals {
  count: number;
  online: number;
}

export interface HostResult {
  readonly host: { id: number; hostname: string; display_name?: string };
  readonly rows: Array<Record<string, unknown>> | null;
  readonly error: string | null;
}

export interface StreamHandlers {
  onTotals(t: Totals): void;
  onResult(r: HostResult): void;
  /** Returns true when the caller has seen enough and the stream should close. */
  shouldStop(): boolean;
}

/**
 * Follows one campaign over Fleet's results websocket (fleet-admin-api.md §1.6): `auth`, then `select_campaign`,
 * then `totals`/`status`/`result`/`error` frames. Resolves when `shouldStop` says so or the server closes,
 * rejects on an `error` frame; `timeoutMs` (0 = none) resolves with 'timeout'.
 */
export function followCampaign(client: ApiClient, campaignId: number, h: StreamHandlers, timeoutMs: number): Promise<'done' | 'timeout' | 'closed'> {
  const url = client.base.replace(/^http/, 'ws') + '/api/latest/fleet/results/websocket';
  const ws = new WebSocket(url, { ca: client.ca(), rejectUnauthorized: !client.insecure, headers: client.customHeaders });
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (outcome: 'done' | 'timeout' | 'closed'): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      ws.close();
      resolve(outcome);
    };
    const timer = timeoutMs > 0 ? setTimeout(() => finish('timeout'), timeoutMs) : undefined;
    ws.on('open', () => {
      ws.send(JSON.stringify({ type: 'auth', data: { token: client.token } }));
      ws.send(JSON.stringify({ type: 'select_campaign', data: { campaign_id: campaignId } }));
    });
    ws.on('message', (data: WebSocket.RawData) => {
      const frame = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(data as Buffer[]).toString('utf8')) as { type: string; data: unknown };
      if (frame.type === 'totals') h.onTotals(frame.data as Totals);
      else if (frame.type === 'result') h.onResult(frame.data as HostResult);
      else if (frame.type === 'error') {
        settled = true;
        clearTimeout(timer);
        ws.close();
        reject(new Error(`live query: ${typeof frame.data === 'string' ? frame.data : JSON.stringify(frame.data)}`));
        return;
      }
      if (h.shouldStop()) finish('done');
    });
    ws.on('error', (e) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(e);
    });
    ws.on('close', () => finish('closed'));
  });
}
