import { osqueryFlagfile } from './osquery-flagfile';

describe('osquery flagfile', () => {
  it('points every TLS endpoint at the server under its prefix, with the certificate and secret paths', () => {
    const flags = osqueryFlagfile({ tlsHostname: 'fleet.example.com:8443', urlPrefix: '/fleet', certPath: '/etc/osquery/fleet.pem', secretPath: '/etc/osquery/secret.txt' });
    const lines = flags.trimEnd().split('\n');
    expect(flags.endsWith('\n')).toBe(true);
    expect(lines).toContain('--tls_hostname=fleet.example.com:8443');
    expect(lines).toContain('--tls_server_certs=/etc/osquery/fleet.pem');
    expect(lines).toContain('--enroll_secret_path=/etc/osquery/secret.txt');
    expect(lines).toContain('--enroll_tls_endpoint=/fleet/api/osquery/enroll');
    expect(lines.filter((l) => /_endpoint=/.test(l)).every((l) => l.includes('=/fleet/api/'))).toBe(true);
    expect(lines.filter((l) => /_endpoint=/.test(l))).toHaveLength(7);
  });

  it('leaves out --tls_server_certs when the system CA bundle is to be used', () => {
    const flags = osqueryFlagfile({ tlsHostname: 'h', urlPrefix: '', certPath: '', secretPath: 's' });
    expect(flags).not.toContain('tls_server_certs');
    expect(flags).toContain('--config_tls_endpoint=/api/v1/osquery/config\n');
  });
});
