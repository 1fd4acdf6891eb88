import { osVersionOf, ovalPlatformOf, windowsEditionOf } from './os-version.rule';
import { softwareTitleOf, softwareVersionIdentity } from './software-title.rule';

describe('OS versions from hosts', () => {
  it('splits Windows into edition + display version and the kernel build (Fleet\'s name_only and version)', () => {
    const os = osVersionOf('windows', 'Windows 11 Pro 23H2 10.0.22631.3007', 'x86_64');
    expect(os).toMatchObject({ nameOnly: 'Windows 11 Pro 23H2', version: '10.0.22631.3007', kernelVersion: '10.0.22631.3007', displayVersion: '23H2' });
    expect(windowsEditionOf(os)).toBe('Windows 11 Pro');
  });

  it('splits other platforms before the first word starting with a digit', () => {
    expect(osVersionOf('ubuntu', 'Ubuntu 22.04.3 LTS')).toMatchObject({ nameOnly: 'Ubuntu', version: '22.04.3 LTS', kernelVersion: '' });
    expect(osVersionOf('darwin', 'macOS 14.1.1')).toMatchObject({ nameOnly: 'macOS', version: '14.1.1' });
  });

  it('picks the OVAL release of Ubuntu and of Red Hat and its rebuilds', () => {
    expect(ovalPlatformOf('ubuntu', 'Ubuntu 22.04.3 LTS')).toBe('ubuntu_22.04');
    expect(ovalPlatformOf('rhel', 'Red Hat Enterprise Linux 9.2')).toBe('rhel_9');
    expect(ovalPlatformOf('rocky', 'Rocky Linux 8.9')).toBe('rhel_8');
    expect(ovalPlatformOf('debian', 'Debian GNU/Linux 12')).toBeNull();
    expect(ovalPlatformOf('darwin', 'macOS 14.1')).toBeNull();
  });
});

describe('software identity', () => {
  it('a macOS app is its bundle id across renames; other software its name, source and browser', () => {
    expect(softwareTitleOf({ name: 'Zoom.app', source: 'apps', bundle_identifier: 'us.zoom.xos' }).key)
      .toBe(softwareTitleOf({ name: 'zoom.us.app', source: 'apps', bundle_identifier: 'us.zoom.xos' }).key);
    expect(softwareTitleOf({ name: 'curl', source: 'deb_packages' }).key).not.toBe(softwareTitleOf({ name: 'curl', source: 'rpm_packages' }).key);
  });

  it('adds extension id and browser to a version\'s identity only when set, so older checksums stay valid', () => {
    expect(softwareVersionIdentity({ name: 'a', version: '1', source: 'apps' })).toBe(['a', '1', 'apps', '', '', '', ''].join('\u0000'));
    expect(softwareVersionIdentity({ name: 'x', version: '1', source: 'chrome_extensions', extension_id: 'e1', browser: 'chrome' }))
      .not.toBe(softwareVersionIdentity({ name: 'x', version: '1', source: 'chrome_extensions', extension_id: 'e2', browser: 'chrome' }));
  });
});
