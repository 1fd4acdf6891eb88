// Every software query returns: name, version, source, vendor, release, arch, installed_path,
// bundle_identifier, extension_id, browser, last_opened_time. '' placeholders keep the UNION aligned and are
// dropped on ingest.
import type { DetailQuery } from './detail-query.types';
import { ingestSoftwareRows } from './software-ingest';

// Browser extensions are per user, so each branch joins the users table (cached once per query).
const USERS_CTE = 'WITH cached_users AS (SELECT uid FROM users) ';

const browserExtensions = (): string =>
  " UNION SELECT name, version, 'chrome_extensions', '', '', '', path, '', identifier, browser_type, 0 " +
  'FROM cached_users CROSS JOIN chrome_extensions USING (uid)' +
  " UNION SELECT name, version, 'firefox_addons', '', '', '', path, '', identifier, 'firefox', 0 " +
  'FROM cached_users CROSS JOIN firefox_addons USING (uid)';

export const softwareLinuxQuery: DetailQuery = {
  name: 'software_linux',
  platforms: ['linux'],
  feature: 'software_inventory',
  sql:
    USERS_CTE +
    "SELECT name, version, 'deb_packages' AS source, maintainer AS vendor, '' AS release, arch, " +
    "'' AS installed_path, '' AS bundle_identifier, '' AS extension_id, '' AS browser, 0 AS last_opened_time " +
    "FROM deb_packages WHERE status LIKE '% ok installed'" +
    " UNION SELECT name, version, 'rpm_packages', vendor, release, arch, '', '', '', '', 0 FROM rpm_packages" +
    " UNION SELECT package, version, 'portage_packages', '', '', '', '', '', '', '', 0 FROM portage_packages" +
    " UNION SELECT name, version, 'npm_packages', '', '', '', path, '', '', '', 0 FROM npm_packages" +
    browserExtensions() +
    ';',
  ingest: (rows) => ingestSoftwareRows('software_linux', rows),
};

export const softwareMacosQuery: DetailQuery = {
  name: 'software_macos',
  platforms: ['darwin'],
  feature: 'software_inventory',
  sql:
    USERS_CTE +
    "SELECT name, COALESCE(NULLIF(bundle_short_version, ''), bundle_version) AS version, 'apps' AS source, " +
    "'' AS vendor, '' AS release, '' AS arch, path AS installed_path, bundle_identifier, '' AS extension_id, " +
    "'' AS browser, last_opened_time FROM apps" +
    " UNION SELECT name, version, 'homebrew_packages', '', '', '', path, '', '', '', 0 FROM homebrew_packages" +
    " UNION SELECT name, version, 'safari_extensions', '', '', '', path, '', identifier, 'safari', 0 " +
    'FROM cached_users CROSS JOIN safari_extensions USING (uid)' +
    browserExtensions() +
    ';',
  ingest: (rows) => ingestSoftwareRows('software_macos', rows),
};

export const softwareWindowsQuery: DetailQuery = {
  name: 'software_windows',
  platforms: ['windows'],
  feature: 'software_inventory',
  sql:
    USERS_CTE +
    "SELECT name, version, 'programs' AS source, publisher AS vendor, '' AS release, '' AS arch, " +
    "install_location AS installed_path, '' AS bundle_identifier, '' AS extension_id, '' AS browser, " +
    '0 AS last_opened_time FROM programs' +
    " UNION SELECT name, version, 'ie_extensions', '', '', '', path, '', '', '', 0 FROM ie_extensions" +
    " UNION SELECT name, version, 'chocolatey_packages', '', '', '', path, '', '', '', 0 FROM chocolatey_packages" +
    browserExtensions() +
    ';',
  ingest: (rows) => ingestSoftwareRows('software_windows', rows),
};
