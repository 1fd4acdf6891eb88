import { logDestinationsOption } from './log-destinations.option';
import { bool, bytes, duration, int, oneOf, secret, str } from './option.types';
import type { OptionTree } from './option.types';

/**
 * Every option the server understands, with Fleet's names and defaults (fleet-admin-api.md §4.3).
 * Sections that only matter to features we do not have (MDM, cloud log plugins) are left out on purpose:
 * an unknown key in a config file is reported, never silently ignored.
 */
const mysqlSection = (address: string) => ({
  protocol: oneOf(['tcp', 'unix'] as const, 'tcp', 'tcp or unix'),
  address: str(address, 'MySQL server address (host:port, or a socket path with protocol unix)'),
  username: str('fleet', 'MySQL user'),
  password: secret('MySQL password'),
  password_path: str('', 'File holding the MySQL password (instead of password)'),
  database: str('fleet', 'MySQL database'),
  tls_cert: str('', 'Client certificate for MySQL TLS'),
  tls_key: str('', 'Client key for MySQL TLS'),
  tls_ca: str('', 'CA certificate of the MySQL server'),
  tls_server_name: str('', 'Server name checked in the MySQL certificate'),
  tls_config: str('', 'true, false or skip-verify'),
  max_open_conns: int(50, 'Connection pool size', 1, 10_000),
  max_idle_conns: int(50, 'Idle connections kept in the pool', 0, 10_000),
  conn_max_lifetime: int(0, 'Seconds a connection is kept idle before closing (0 = unlimited)'),
  sql_mode: str('', 'sql_mode set on every connection'),
});

export const CONFIG_SCHEMA = {
  mysql: mysqlSection('localhost:3306'),
  mysql_read_replica: {
    ...mysqlSection(''),
    read_your_writes_window: duration('5s', "After a user's write, how long that user's admin reads stay on the primary instead of the read replica (keep it above the replica's usual lag)"),
  },
  redis: {
    address: str('localhost:6379', 'Redis address (host:port; any node in cluster mode)'),
    username: str('', 'Redis ACL user'),
    password: secret('Redis password'),
    database: int(0, 'Redis database number (ignored in cluster mode)', 0, 15),
    use_tls: bool(false, 'Connect to Redis over TLS'),
    cluster: bool(false, 'Treat the address as a Redis Cluster node'),
    cluster_follow_redirections: bool(true, 'Follow MOVED/ASK redirections in cluster mode'),
    cluster_read_from_replica: bool(false, 'Send reads to replicas in cluster mode'),
    connect_timeout: duration('5s', 'Timeout to connect to Redis'),
    keep_alive: duration('10s', 'TCP keep-alive interval'),
    connect_retry_attempts: int(0, 'Retries of the first connection'),
    tls_cert: str('', 'Client certificate for Redis TLS'),
    tls_key: str('', 'Client key for Redis TLS'),
    tls_ca: str('', 'CA certificate of the Redis server'),
    tls_server_name: str('', 'Server name checked in the Redis certificate'),
    read_timeout: duration('10s', 'Timeout of one Redis command'),
    write_timeout: duration('10s', 'Timeout of one Redis write'),
    host_cache_ttl: duration('180s', 'How long node keys stay cached'),
    key_prefix: str('', 'Prefix for every key this installation uses, to share one Redis between installations'),
  },
  server: {
    address: str('0.0.0.0:8080', 'Address to listen on (host:port)'),
    cert: str('', 'TLS certificate (PEM); empty with --dev generates a development certificate'),
    key: str('', 'TLS private key (PEM)'),
    tls: bool(true, 'Serve HTTPS; false for plain HTTP behind a TLS-terminating proxy'),
    tls_compatibility: oneOf(['intermediate', 'modern'] as const, 'intermediate', 'intermediate = TLS 1.2+ with ECDHE AES-GCM suites; modern = TLS 1.3 only'),
    url_prefix: str('', 'Path prefix for every route, e.g. /fleet'),
    keepalive: bool(true, 'HTTP keep-alive'),
    default_max_request_body_size: bytes(1024 * 1024, 'Largest request body, after decompression'),
    shutdown_timeout: duration('25s', 'Time given to in-flight requests on SIGTERM'),
    listen_handles: int(32, 'Listening handles on the server socket: a busy process accepts one connection per handle per turn of its event loop, so more handles take a storm of reconnecting agents sooner; above 1 a short-lived helper process duplicates the socket', 1, 256),
    first_request_timeout: duration('30s', 'Close a connection that sends nothing this long after it opened (after the TLS handshake); 0 = never'),
    websockets_allow_unsafe_origin: bool(false, 'Skip the Origin check on the live-query websocket'),
    websocket_client_buffer: bytes(1024 * 1024, 'Per-client bound of a live-query result stream (websocket and SSE): above this many unsent bytes the server stops reading the campaign for that client until its socket drains'),
    websocket_slow_client_timeout: duration('60s', 'A live-query result client whose unsent bytes stay above server.websocket_client_buffer this long is dropped (websocket close 1013, SSE final error event)'),
    trusted_proxies: str('127.0.0.1,::1', 'How the client address is found: none, a list of proxy addresses/CIDRs whose X-Forwarded-For is believed, a hop count, header:NAME, or empty for the legacy True-Client-IP/X-Real-IP/X-Forwarded-For rule'),
  },
  auth: {
    bcrypt_cost: int(12, 'bcrypt cost of password hashes', 4, 31),
    salt_key_size: int(24, 'Bytes of salt added to passwords', 0, 64),
    sso_session_validity_period: duration('15m', 'How long a single sign-on started with POST /sso may take to come back through the callback'),
    sso_rate_limit_per_minute: int(0, 'SSO callbacks per client address per minute; 0 = the login limit (10)', 0, 100000),
  },
  app: {
    token_key_size: int(24, 'Bytes in invite and password-reset tokens', 8, 256),
    invite_token_validity_period: duration('120h', 'How long invites stay valid'),
  },
  session: {
    key_size: int(64, 'Random bytes in a session token', 16, 256),
    duration: duration('120h', 'Sessions expire this long after their last use'),
  },
  osquery: {
    node_key_size: int(24, 'Random bytes in a node key', 16, 256),
    host_identifier: oneOf(['provided', 'instance', 'uuid', 'hostname'] as const, 'provided', 'Which identifier names a host'),
    enroll_cooldown: duration('0s', 'Minimum time between two enrolls of one identifier (0 = off)'),
    status_log_plugin: oneOf(['filesystem', 'stdout', 'webhook', 'nats', 'none'] as const, 'filesystem', 'Destination of status logs, written before the agent is answered (none: only the log_routing destinations)'),
    result_log_plugin: oneOf(['filesystem', 'stdout', 'webhook', 'nats', 'none'] as const, 'filesystem', 'Destination of result logs, written before the agent is answered (none: only the log_routing destinations)'),
    label_update_interval: duration('1h', 'How often label queries run on a host'),
    policy_update_interval: duration('1h', 'How often policy queries run on a host'),
    detail_update_interval: duration('1h', 'How often host vitals are refreshed'),
    max_jitter_percent: int(10, 'Jitter added to the update intervals, in percent', 0, 100),
    max_log_write_body_size: bytes(10 * 1024 * 1024, 'Largest /log body, after decompression'),
    max_distributed_write_body_size: bytes(5 * 1024 * 1024, 'Largest distributed/write body, after decompression'),
    max_live_query_answer_size: bytes(1024 * 1024, "Largest answer of one host to one live query; a bigger answer reaches the campaign as that host's error"),
    max_distributed_write_queries: int(10_000, 'Most query results (queries, statuses, messages or stats entries) one distributed/write may carry; a bigger write is refused whole with an error, and the agent keeps its results', 1, 1_000_000),
    allow_body_auth_fallback: bool(true, 'Accept the node key in the body as well as in the Authorization header'),
    host_cache_local_size: int(500_000, 'Hosts each ingest replica keeps in memory by node key, in front of the Redis host cache (dropped on any change through the invalidation stream); 0 = read Redis on every agent request', 0, 100_000_000),
    async_host_insert_batch: int(2000, 'Rows per batched insert of agent data', 1, 100_000),
    async_host_collect_interval: duration('5s', 'How often queued agent data and seen times are written to MySQL'),
    async_host_collect_lock_timeout: duration('1m', 'Queued agent data that a stopped ingest replica had taken and not written is taken over by another replica after this long'),
  },
  logging: {
    debug: bool(false, 'Debug-level logs'),
    json: bool(false, 'Logs as JSON lines'),
    disable_banner: bool(false, 'Do not print the start-up banner'),
    tracing_enabled: bool(false, 'Export OpenTelemetry traces over OTLP/HTTP'),
    tracing_type: oneOf(['opentelemetry'] as const, 'opentelemetry', 'Tracing backend'),
  },
  filesystem: {
    status_log_file: str('/tmp/osquery_status', 'File for status logs'),
    result_log_file: str('/tmp/osquery_result', 'File for result logs'),
    enable_log_rotation: bool(false, 'Rotate the log files by size'),
    max_size: int(500, 'Megabytes before a log file is rotated', 1, 1_000_000),
    max_backups: int(3, 'Rotated files kept', 0, 1000),
  },
  webhook: {
    status_url: str('', 'URL that receives status log batches'),
    result_url: str('', 'URL that receives result log batches'),
  },
  /** Fleet's NATS log plugin (osquery.*_log_plugin = nats); named NATS destinations take the same names in log_routing.destinations. */
  nats: {
    server: str('', 'URL of the NATS server (nats://host:4222)'),
    status_subject: str('', 'Subject of status logs; {log.field.path} parts are filled from each line'),
    result_subject: str('', 'Subject of result logs; {log.field.path} parts are filled from each line'),
    cred_file: str('', 'NATS credentials file'),
    nkey_file: str('', 'NATS NKey seed file'),
    tls_client_crt_file: str('', 'TLS client certificate'),
    tls_client_key_file: str('', 'TLS client key'),
    ca_crt_file: str('', 'CA certificate of the NATS server'),
    compression: oneOf(['', 'gzip'] as const, '', 'Compress each published payload (gzip) or not (empty)'),
    jetstream: bool(false, 'Publish with JetStream and wait for the stream\'s acknowledgement'),
    timeout: duration('30s', 'Timeout of one publish'),
  },
  /**
   * Log destinations beyond Fleet's one result and one status plugin: named instances with routing rules, each
   * fed from its own Redis stream (a durable buffer) by its own consumer, so a slow or dead one delays only itself.
   */
  log_routing: {
    destinations: logDestinationsOption,
    buffer_max_entries: int(200_000, 'Entries (up to 500 lines each) one destination may hold undelivered in Redis; past it new lines for it are refused with an agent error', 1, 100_000_000),
    retry_interval: duration('2s', 'Wait before a failed delivery to a destination is tried again'),
    live_query_results: bool(false, 'Send every live-query answer to the destinations that route log type live_query (a campaign can ask for it with log_results)'),
  },
  /** File carve storage in S3-compatible object storage; carves stay in MySQL while `carves_bucket` is empty. */
  s3: {
    carves_bucket: str('', 'Bucket where file carves are stored (empty: carves are stored in MySQL)'),
    carves_prefix: str('', 'Prefix of the carves\' object keys'),
    carves_region: str('', 'AWS region of the bucket (us-east-1 when empty)'),
    carves_endpoint_url: str('', 'S3 endpoint (an S3-compatible server such as MinIO); AWS\'s when empty'),
    carves_access_key_id: str('', 'Access key id (the AWS default credential chain when empty)'),
    carves_secret_access_key: secret('Secret access key'),
    carves_sts_assume_role_arn: str('', 'Role to assume through STS for the carves bucket'),
    carves_sts_external_id: str('', 'External id sent when assuming the role'),
    carves_disable_ssl: bool(false, 'Talk to the endpoint over plain HTTP (local testing)'),
    carves_force_s3_path_style: bool(false, 'Path-style addressing (http://host/BUCKET/KEY), as most S3-compatible servers need'),
  },
  prometheus: {
    basic_auth: {
      username: str('', 'Username for /metrics'),
      password: secret('Password for /metrics'),
      disable: bool(false, 'Serve /metrics without authentication even when credentials are set'),
    },
  },
  live_query: {
    tick_interval: duration('250ms', 'How often each live-query replica looks at the active campaigns (bounds the delay of status events and of the end)'),
    campaign_timeout: duration('10m', 'A campaign still waiting for online targets this long after launch ends as timed_out'),
    result_retention: duration('10m', 'How long a campaign\'s results stay readable after it ended, for late and reconnecting clients'),
    lease: duration('10s', 'Lease a live-query replica holds on one campaign while counting its answers'),
  },
  schedules: {
    tick_interval: duration('2s', 'How often each live-query replica checks whether a background schedule is due or triggered'),
    lease: duration('60s', 'Lease a replica holds on a schedule while it runs (renewed every third of it)'),
    cleanups_interval: duration('1h', 'Interval of cleanups_then_aggregation'),
    automations_interval: duration('0s', 'Interval of automations; 0 = the organisation\'s webhook_settings.interval'),
    webhook_timeout: duration('30s', 'How long a webhook destination may take to answer'),
    run_retention: duration('168h', 'Finished run records (cron_stats) older than this are pruned'),
  },
  vulnerabilities: {
    databases_path: str('/tmp/vulndbs', 'Directory holding the vulnerability feeds (NVD CVEs and CPE dictionary, OVAL, MSRC, EPSS, CISA KEV); fleetctl vulnerability-data-stream fills one'),
    periodicity: duration('1h', 'Interval of the vulnerabilities schedule'),
    disable_schedule: bool(false, 'Do not run the vulnerabilities schedule on this server (its results stay as they are)'),
    disable_data_sync: bool(false, 'Never download the feeds: use what is in databases_path'),
    cve_feed_prefix_url: str('', 'NVD CVE API 2.0 endpoint (default https://services.nvd.nist.gov/rest/json/cves/2.0)'),
    cpe_database_url: str('', 'NVD CPE API 2.0 endpoint (default https://services.nvd.nist.gov/rest/json/cpes/2.0)'),
    cpe_translations_url: str('', 'URL of a cpe_translations.json with extra software-to-CPE rules (none by default)'),
    cisa_known_exploits_url: str('', 'CISA KEV catalogue (default the CISA feed)'),
    recent_vulnerability_max_age: duration('720h', 'A CVE published within this age and newly found on hosts is sent by the vulnerabilities webhook'),
    disable_win_os_vulnerabilities: bool(false, 'Do not match Windows builds against Microsoft\'s security updates'),
    max_concurrency: int(1, 'Vulnerability matching jobs each live-query replica runs at once', 1, 64),
    feed_mirror_url: str('', 'Fetch every feed from this origin instead of the upstream sources, keeping their paths (an air-gapped mirror)'),
  },
  upgrades: {
    allow_missing_migrations: bool(false, 'Serve even when migrations are pending'),
  },
  dev: {
    data_dir: str('.fleet-dev', 'Where --dev keeps its generated certificate'),
  },
} satisfies OptionTree;

/** Options read only from the environment, under their conventional names (not FLEET_*). */
export const ENV_ONLY = {
  otlpEndpoint: 'OTEL_EXPORTER_OTLP_ENDPOINT',
  otelServiceName: 'OTEL_SERVICE_NAME',
  httpProxy: 'HTTP_PROXY',
  httpsProxy: 'HTTPS_PROXY',
  noProxy: 'NO_PROXY',
  liveQueryRestPeriod: 'FLEET_LIVE_QUERY_REST_PERIOD',
} as const;
