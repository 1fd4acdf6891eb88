/** Where the generated flagfile tells osqueryd to find the server and its files. */
export interface OsqueryFlagfileOptions {
  /** The server's host[:port] as osquery connects to it (`--tls_hostname`). */
  readonly tlsHostname: string;
  /** `server.url_prefix` ('' when none): the agent endpoints live under it. */
  readonly urlPrefix: string;
  /** Absolute path of the PEM file osquery trusts for the server (`--tls_server_certs`); omitted when empty (the system's CA bundle). */
  readonly certPath: string;
  /** Absolute path of the file holding the enroll secret (`--enroll_secret_path`). */
  readonly secretPath: string;
}

/**
 * Fleet's recommended flagfile for plain osquery (osquery-protocol.md §1.1): TLS enrollment, config, live
 * queries, logs and carves against this server, checking in every 10 s. `fleetctl generate osquery-flags` writes
 * it and the web UI's "Add hosts" dialog offers it for download, so both give hosts the same flags.
 */
export function osqueryFlagfile({ tlsHostname, urlPrefix: prefix, certPath, secretPath }: OsqueryFlagfileOptions): string {
  return [
    `--tls_hostname=${tlsHostname}`, ...(certPath ? [`--tls_server_certs=${certPath}`] : []), '--host_identifier=instance', `--enroll_secret_path=${secretPath}`,
    `--enroll_tls_endpoint=${prefix}/api/osquery/enroll`, '--config_plugin=tls', `--config_tls_endpoint=${prefix}/api/v1/osquery/config`,
    '--config_refresh=10', '--disable_distributed=false', '--distributed_plugin=tls', '--distributed_interval=10', '--distributed_tls_max_attempts=3',
    `--distributed_tls_read_endpoint=${prefix}/api/v1/osquery/distributed/read`, `--distributed_tls_write_endpoint=${prefix}/api/v1/osquery/distributed/write`,
    '--logger_plugin=tls', `--logger_tls_endpoint=${prefix}/api/v1/osquery/log`, '--logger_tls_period=10', '--disable_carver=false',
    `--carver_start_endpoint=${prefix}/api/v1/osquery/carve/begin`, `--carver_continue_endpoint=${prefix}/api/v1/osquery/carve/block`, '--carver_block_size=8000000',
  ].join('\n') + '\n';
}
