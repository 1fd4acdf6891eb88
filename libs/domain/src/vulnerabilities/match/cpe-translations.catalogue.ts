import type { CpeTranslation } from './cpe.resolver';

const CLIENT_APPS = ['apps', 'programs', 'homebrew_packages', 'chocolatey_packages'];

/**
 * Well-known names that the dictionary alone would map wrongly or not at all, per platform: macOS app
 * bundles, Windows program names with their version and architecture notes, Homebrew formulae. Rules in
 * the feeds directory's `cpe_translations.json` (Fleet's format) are tried before these.
 */
export const DEFAULT_CPE_TRANSLATIONS: readonly CpeTranslation[] = [
  // Browser extensions and add-ons share names with unrelated products; NVD rarely describes them.
  { software: { source: ['chrome_extensions', 'firefox_addons', 'safari_extensions', 'ie_extensions'] }, filter: { skip: true } },
  // Runtimes and redistributables whose names look like products they are not.
  { software: { name: ['/^Microsoft Visual C\\+\\+ \\d{4}/', '/^Microsoft \\.NET .*(Runtime|Targeting Pack)/', '/^Microsoft Edge (Update|WebView2)/'] }, filter: { skip: true } },
  { software: { bundle_identifier: ['com.google.Chrome'] }, filter: { product: ['chrome'], vendor: ['google'] } },
  { software: { name: ['/^Google Chrome(\\.app)?$/', 'google-chrome', 'googlechrome'], source: CLIENT_APPS }, filter: { product: ['chrome'], vendor: ['google'] } },
  { software: { name: ['/^Microsoft Edge(\\.app)?$/', 'microsoft-edge'], source: CLIENT_APPS }, filter: { product: ['edge_chromium', 'edge'], vendor: ['microsoft'] } },
  { software: { name: ['/^Mozilla Firefox .*ESR/', 'Firefox ESR.app', 'firefox-esr'] }, filter: { product: ['firefox_esr'], vendor: ['mozilla'] } },
  { software: { bundle_identifier: ['org.mozilla.firefox', 'org.mozilla.firefoxdeveloperedition'] }, filter: { product: ['firefox'], vendor: ['mozilla'] } },
  { software: { name: ['/^Mozilla Firefox( \\(.*\\))?$/', 'Firefox.app', 'firefox'], source: CLIENT_APPS }, filter: { product: ['firefox'], vendor: ['mozilla'] } },
  { software: { name: ['/^Mozilla Thunderbird( \\(.*\\))?$/', 'Thunderbird.app', 'thunderbird'], source: CLIENT_APPS }, filter: { product: ['thunderbird'], vendor: ['mozilla'] } },
  { software: { bundle_identifier: ['us.zoom.xos'] }, filter: { product: ['zoom', 'meetings'], vendor: ['zoom'] } },
  { software: { name: ['/^Zoom( Workplace)?( \\(.*\\))?$/', 'zoom.us.app', 'zoom'], source: CLIENT_APPS }, filter: { product: ['zoom', 'meetings'], vendor: ['zoom'] } },
  { software: { bundle_identifier: ['com.microsoft.VSCode'] }, filter: { product: ['visual_studio_code'], vendor: ['microsoft'] } },
  { software: { name: ['Visual Studio Code.app', '/^Microsoft Visual Studio Code( \\(.*\\))?$/', 'visual-studio-code', 'vscode'], source: CLIENT_APPS },
    filter: { product: ['visual_studio_code'], vendor: ['microsoft'] } },
  { software: { name: ['/^7-Zip( [\\d.]+)?( \\(.*\\))?$/', '7zip', 'sevenzip'], source: CLIENT_APPS }, filter: { product: ['7-zip'], vendor: ['7-zip'] } },
  { software: { name: ['/^Notepad\\+\\+/', 'notepadplusplus'], source: CLIENT_APPS }, filter: { product: ['notepad++'], vendor: ['notepad-plus-plus'] } },
  { software: { name: ['/^PuTTY( release [\\d.]+)?( \\(.*\\))?$/', 'putty'], source: CLIENT_APPS }, filter: { product: ['putty'], vendor: ['putty', 'simon_tatham'] } },
  { software: { name: ['/^WinRAR [\\d.]+/', 'winrar'], source: CLIENT_APPS }, filter: { product: ['winrar'], vendor: ['rarlab'] } },
  { software: { name: ['VLC.app', '/^VLC media player/', 'vlc'], source: CLIENT_APPS }, filter: { product: ['vlc_media_player'], vendor: ['videolan'] } },
  { software: { name: ['/^Python [\\d.]+ \\(.*\\)$/', '/^Python [\\d.]+$/', 'Python.app', 'python', '/^python@[\\d.]+$/'], source: CLIENT_APPS },
    filter: { product: ['python'], vendor: ['python'] } },
  { software: { name: ['/^Git( version [\\d.]+)?$/', 'git'], source: CLIENT_APPS }, filter: { product: ['git'], vendor: ['git-scm'] } },
  { software: { name: ['curl'], source: CLIENT_APPS }, filter: { product: ['curl'], vendor: ['haxx'] } },
  { software: { name: ['wget'], source: CLIENT_APPS }, filter: { product: ['wget'], vendor: ['gnu'] } },
  { software: { name: ['/^node(@\\d+)?$/', '/^Node\\.js( \\(.*\\))?$/', 'nodejs'], source: CLIENT_APPS }, filter: { product: ['node.js'], vendor: ['nodejs'] } },
  { software: { name: ['/^openssl(@[\\d.]+)?$/'], source: CLIENT_APPS }, filter: { product: ['openssl'], vendor: ['openssl'] } },
  { software: { name: ['xz'], source: CLIENT_APPS }, filter: { product: ['xz'], vendor: ['tukaani'] } },
  { software: { name: ['webp', 'libwebp'], source: CLIENT_APPS }, filter: { product: ['libwebp'], vendor: ['webmproject'] } },
  { software: { name: ['jq'], source: CLIENT_APPS }, filter: { product: ['jq'], vendor: ['jqlang'] } },
  { software: { name: ['Safari.app'], source: ['apps'] }, filter: { product: ['safari'], vendor: ['apple'] } },
  { software: { name: ['/^Docker( Desktop)?(\\.app)?$/', 'docker-desktop'], source: CLIENT_APPS }, filter: { product: ['desktop', 'docker_desktop'], vendor: ['docker'] } },
];
