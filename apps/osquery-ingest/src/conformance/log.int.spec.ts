import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJsonLines } from '@fleet/testing';
import { gzipJson, startIngestKit } from '../testing/ingest-test-kit';
import type { IngestKit } from '../testing/ingest-test-kit';

describe('log (protocol §4) to the filesystem destination', () => {
  let kit: IngestKit;
  let nodeKey: string;
  let hostId: number;
  let queryId: number;
  const dir = mkdtempSync(join(tmpdir(), 'fleet-logs-'));
  const resultFile = join(dir, 'result.log');
  const statusFile = join(dir, 'status.log');

  beforeAll(async () => {
    kit = await startIngestKit('logs', { filesystem_result_log_file: resultFile, filesystem_status_log_file: statusFile });
    const res = await kit.db.dataSource.query<{ insertId: number }>(
      "INSERT INTO queries (name, description, query, schedule_interval, logging_type, automations_enabled) VALUES ('usb', '', 'SELECT * FROM usb_devices', 60, 'snapshot', 1)",
    );
    queryId = res.insertId;
    await kit.db.dataSource.query("INSERT INTO queries (name, description, query, schedule_interval, logging_type, automations_enabled) VALUES ('quiet', '', 'SELECT 1', 60, 'snapshot', 0)");
    nodeKey = await kit.enroll('log-host');
    [{ id: hostId }] = await kit.db.dataSource.query("SELECT id FROM hosts WHERE osquery_host_id = 'log-host'");
  });
  afterAll(() => kit.close());

  it('writes result lines of every shape, gzip-compressed, with query_id for known queries', async () => {
    const lines = [
      { name: 'pack/Global/usb', hostIdentifier: 'log-host', calendarTime: 'Mon Jan  1 00:00:00 2024 UTC', unixTime: 1704067200, epoch: 0, counter: 0, numerics: false, decorations: { host_uuid: 'u' }, snapshot: [{ vendor: 'Apple', model: 'Keyboard' }], action: 'snapshot' },
      { name: 'pack/Global/procs_diff', hostIdentifier: 'log-host', unixTime: 1704067201, diffResults: { added: [{ pid: '1' }], removed: [] }, epoch: 0, counter: 1 },
      { name: 'pack/Global/events', hostIdentifier: 'log-host', unixTime: '1704067202', action: 'added', columns: { pid: '2' }, epoch: 0, counter: 2 },
      { name: 'pack/Global/usb', hostIdentifier: 'log-host', unixTime: 1704067300, action: 'snapshot', columns: { vendor: 'Logitech', model: 'Mouse' }, epoch: 0, counter: 3 },
      { name: 'pack/Global/usb', hostIdentifier: 'log-host', unixTime: 1704067300, action: 'snapshot', columns: { vendor: 'Yubico', model: 'Key' }, epoch: 0, counter: 3 },
      { name: 'pack/Global/quiet', unixTime: 1704067203, snapshot: [], action: 'snapshot' },
      'not an object',
      { hostIdentifier: 'no name' },
    ];
    const res = await kit.postRaw('/api/v1/osquery/log', gzipJson({ node_key: nodeKey, log_type: 'result', data: lines }), { 'content-encoding': 'gzip' });
    expect(res).toEqual({ status: 200, json: {} });
    const written = readJsonLines(resultFile);
    expect(written.map((l) => l['name'])).toEqual(['pack/Global/usb', 'pack/Global/procs_diff', 'pack/Global/events', 'pack/Global/usb', 'pack/Global/usb']);
    expect(written[0]).toMatchObject({ query_id: queryId, snapshot: [{ vendor: 'Apple', model: 'Keyboard' }], decorations: { host_uuid: 'u' } });
    expect(written[1]['query_id']).toBeUndefined();
  });

  it('keeps the latest snapshot of a scheduled query as its report, regrouping event-format snapshot lines', async () => {
    const rows = await kit.waitFor('SELECT host_id, data FROM query_results WHERE query_id = ? ORDER BY id', [queryId], (r) => r.length === 2);
    expect(rows.map((r) => r['host_id'])).toEqual([hostId, hostId]);
    const data = rows.map((r) => (typeof r['data'] === 'string' ? JSON.parse(r['data']) : r['data']) as unknown);
    expect(data).toEqual([{ vendor: 'Logitech', model: 'Mouse' }, { vendor: 'Yubico', model: 'Key' }]);
  });

  it('writes status lines unchanged, with string or numeric fields', async () => {
    const data = [
      { hostIdentifier: 'log-host', calendarTime: 'x', unixTime: '1704067200', severity: '0', filename: 'tls.cpp', line: '42', message: 'string fields', version: '5.12.1' },
      { hostIdentifier: 'log-host', unixTime: 1704067201, severity: 1, filename: 'config.cpp', line: 7, message: 'numeric fields' },
    ];
    const res = await kit.post('/api/osquery/log', { node_key: nodeKey, log_type: 'status', data });
    expect(res).toEqual({ status: 200, json: {} });
    expect(readJsonLines(statusFile)).toEqual(data);
  });

  it('refuses an unknown log type with an error the agent will retry', async () => {
    const res = await kit.post('/api/osquery/log', { node_key: nodeKey, log_type: 'audit', data: [] });
    expect(res.status).toBe(400);
    expect(String(res.json['error'])).toContain('unknown log type: audit');
  });
});

describe('log to a webhook that goes down', () => {
  let kit: IngestKit;
  let server: Server;
  let up = true;
  const received: unknown[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (!up) {
          res.writeHead(503).end();
          return;
        }
        received.push(...(JSON.parse(body) as unknown[]));
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/logs`;
    kit = await startIngestKit('webhook', { osquery_result_log_plugin: 'webhook', webhook_result_url: url, osquery_status_log_plugin: 'webhook', webhook_status_url: url });
  });
  afterAll(async () => {
    await kit.close();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('answers error while the webhook fails, and delivers the batch on retry', async () => {
    const nodeKey = await kit.enroll('webhook-host');
    const batch = { node_key: nodeKey, log_type: 'result', data: [{ name: 'pack/Global/x', unixTime: 1, snapshot: [{ a: '1' }] }] };
    up = false;
    const failed = await kit.post('/api/osquery/log', batch);
    expect(typeof failed.json['error']).toBe('string');
    expect(failed.json['node_invalid']).toBeUndefined();
    expect(received).toHaveLength(0);
    up = true;
    const ok = await kit.post('/api/osquery/log', batch);
    expect(ok).toEqual({ status: 200, json: {} });
    expect(received).toEqual(batch.data);
  });
});
