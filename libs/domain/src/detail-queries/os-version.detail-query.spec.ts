import { osVersionQuery, osVersionWindowsQuery } from './os-version.detail-query';

describe('os_version', () => {
  it('ingests an Ubuntu row without the codename suffix', () => {
    const result = osVersionQuery.ingest([
      {
        name: 'Ubuntu', version: '22.04.4 LTS (Jammy Jellyfish)', major: '22', minor: '4', patch: '0', build: '',
        platform: 'ubuntu', platform_like: 'debian', codename: 'jammy', arch: 'x86_64',
      },
    ]);
    expect(result).toEqual({
      kind: 'vitals',
      patch: { platform: 'ubuntu', platform_like: 'debian', code_name: 'jammy', os_version: 'Ubuntu 22.04.4 LTS' },
      problems: [],
    });
  });

  it('falls back to major.minor.patch and infers CentOS from the name when platform is empty', () => {
    const result = osVersionQuery.ingest([{ name: 'CentOS', version: '', major: '6', minor: '10', patch: '0', platform: '' }]);
    expect(result.kind === 'vitals' && result.patch).toEqual({ platform: 'centos', os_version: 'CentOS 6.10.0' });
  });

  it('leaves os_version to os_version_windows on Windows', () => {
    const result = osVersionQuery.ingest([{ name: 'Microsoft Windows 11 Pro', version: '10.0.22631', platform: 'windows', build: '22631' }]);
    expect(result.kind === 'vitals' && result.patch).toEqual({ platform: 'windows', build: '22631' });
  });

  it('ignores results with several rows like Fleet', () => {
    const result = osVersionQuery.ingest([{ platform: 'darwin' }, { platform: 'ubuntu' }]);
    expect(result.kind === 'vitals' && result.patch).toEqual({});
    expect(result.problems[0]?.reason).toMatch(/exactly one row, got 2/);
  });
});

describe('os_version_windows', () => {
  it('builds the display string from name, display version and build', () => {
    const result = osVersionWindowsQuery.ingest([
      { name: 'Microsoft Windows 11 Pro', display_version: '23H2', version: '10.0.22631.3296' },
    ]);
    expect(result.kind === 'vitals' && result.patch).toEqual({ os_version: 'Windows 11 Pro 23H2 10.0.22631.3296' });
  });

  it('tolerates a missing display version', () => {
    const result = osVersionWindowsQuery.ingest([{ name: 'Microsoft Windows Server 2016', display_version: '', version: '10.0.14393' }]);
    expect(result.kind === 'vitals' && result.patch).toEqual({ os_version: 'Windows Server 2016 10.0.14393' });
  });
});
