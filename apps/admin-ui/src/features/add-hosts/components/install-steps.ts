import { osqueryFlagfile } from '@fleet/contracts';

export type Platform = 'macos' | 'windows' | 'linux';

/** Where osquery's packages put their files on each platform, and how osqueryd is started there. */
const LAYOUT: Readonly<Record<Platform, { dir: string; sep: string; run: (flagfile: string) => string; copy: string }>> = {
  macos: { dir: '/var/osquery', sep: '/', run: (f) => `sudo osqueryd --flagfile=${f}`, copy: 'sudo cp osquery.flags secret.txt fleet.pem /var/osquery/' },
  linux: { dir: '/etc/osquery', sep: '/', run: (f) => `sudo osqueryd --flagfile=${f}`, copy: 'sudo cp osquery.flags secret.txt fleet.pem /etc/osquery/' },
  windows: {
    dir: 'C:\\Program Files\\osquery', sep: '\\', run: (f) => `& "C:\\Program Files\\osquery\\osqueryd\\osqueryd.exe" --flagfile="${f}"`,
    copy: 'Copy-Item osquery.flags, secret.txt, fleet.pem "C:\\Program Files\\osquery\\"',
  },
};

export interface InstallSteps {
  readonly flagfile: string;
  /** Shell (PowerShell on Windows) line that puts the downloaded files in place. */
  readonly copy: string;
  /** The exact command that starts osqueryd with the flagfile. */
  readonly run: string;
}

/**
 * The flagfile and commands for one platform, for a server reached at `host` (host[:port] as the browser
 * sees it) under `urlPrefix`. `withCertificate` false leaves `--tls_server_certs` out (a publicly trusted certificate).
 */
export function installSteps(platform: Platform, host: string, urlPrefix: string, withCertificate: boolean): InstallSteps {
  const l = LAYOUT[platform];
  const path = (file: string) => `${l.dir}${l.sep}${file}`;
  return {
    flagfile: osqueryFlagfile({ tlsHostname: host, urlPrefix, certPath: withCertificate ? path('fleet.pem') : '', secretPath: path('secret.txt') }),
    copy: withCertificate ? l.copy : l.copy.replace(/,? ?fleet\.pem/, ''),
    run: l.run(path('osquery.flags')),
  };
}
