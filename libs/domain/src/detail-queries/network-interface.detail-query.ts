import type { AgentRow, DetailIngestResult } from '../host/host-vitals.types';
import type { DetailQuery, DetailQueryName } from './detail-query.types';
import { int, ProblemLog, str } from './ingest-values';
import type { InterfaceCandidate } from './primary-ip.rule';
import { selectPrimaryInterface } from './primary-ip.rule';

/**
 * Rows are every address on an interface that carries a default route; the choice among them is made in
 * `selectPrimaryInterface` so the rule is the same whatever order or subset the agent returns.
 */
function ingestInterfaces(query: DetailQueryName, rows: readonly AgentRow[]): DetailIngestResult {
  const log = new ProblemLog(query);
  const candidates: InterfaceCandidate[] = [];
  rows.forEach((row, i) => {
    const address = str(row, 'address');
    if (address === undefined) {
      log.add('row has no address', i);
      return;
    }
    const metric = int(row, 'metric');
    const mac = str(row, 'mac');
    candidates.push({ address, ...(mac === undefined ? {} : { mac }), ...(metric === undefined ? {} : { metric }) });
  });
  const primary = selectPrimaryInterface(candidates);
  if (primary === null) {
    log.add(`no usable address among ${rows.length} row(s)`);
    return { kind: 'vitals', patch: {}, problems: log.problems };
  }
  if (primary.mac === undefined) log.add('primary interface has no valid MAC');
  const patch = primary.mac === undefined ? { primary_ip: primary.ip } : { primary_ip: primary.ip, primary_mac: primary.mac };
  return { kind: 'vitals', patch, problems: log.problems };
}

export const networkInterfaceUnixQuery: DetailQuery = {
  name: 'network_interface_unix',
  platforms: ['linux', 'darwin'],
  sql:
    'SELECT ia.address, id.mac, r.metric FROM interface_addresses ia ' +
    'JOIN interface_details id ON id.interface = ia.interface ' +
    'JOIN routes r ON r.interface = ia.interface ' +
    "WHERE (r.destination = '0.0.0.0' OR r.destination = '::') AND r.netmask = 0 " +
    'ORDER BY r.metric ASC;',
  ingest: (rows) => ingestInterfaces('network_interface_unix', rows),
};

/** On Windows `routes.interface` holds the interface address, not its name. */
export const networkInterfaceWindowsQuery: DetailQuery = {
  name: 'network_interface_windows',
  platforms: ['windows'],
  sql:
    'SELECT ia.address, id.mac, r.metric FROM interface_addresses ia ' +
    'JOIN interface_details id ON id.interface = ia.interface ' +
    'JOIN routes r ON r.interface = ia.address ' +
    "WHERE (r.destination = '0.0.0.0' OR r.destination = '::') AND r.netmask = 0 " +
    'ORDER BY r.metric ASC;',
  ingest: (rows) => ingestInterfaces('network_interface_windows', rows),
};

export const networkInterfaceChromeQuery: DetailQuery = {
  name: 'network_interface_chrome',
  platforms: ['chrome'],
  sql: 'SELECT ipv4 AS address, mac FROM network_interfaces LIMIT 1;',
  ingest: (rows) => ingestInterfaces('network_interface_chrome', rows),
};
