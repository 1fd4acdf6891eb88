/**
 * Package catalogues the host templates sample from. Versions are realistic strings; each host picks a few
 * dozen entries so software inventories overlap across hosts the way a real fleet's do.
 */
export interface CatalogEntry {
  readonly name: string;
  readonly version: string;
  readonly vendor: string;
  /** macOS bundle identifier; empty elsewhere. */
  readonly bundleId?: string;
}

const deb = (name: string, version: string, vendor = 'Ubuntu Developers'): CatalogEntry => ({ name, version, vendor });

export const DEB_CATALOG: readonly CatalogEntry[] = [
  deb('adduser', '3.118ubuntu5'), deb('apt', '2.4.13'), deb('base-files', '12ubuntu4.6'), deb('bash', '5.1-6ubuntu1.1'),
  deb('bsdutils', '1:2.37.2-4ubuntu3.4'), deb('ca-certificates', '20240203~22.04.1'), deb('coreutils', '8.32-4.1ubuntu1.2'),
  deb('curl', '7.81.0-1ubuntu1.18'), deb('dash', '0.5.11+git20210903+057cd650a4ed-3build1'), deb('dbus', '1.12.20-2ubuntu4.1'),
  deb('dpkg', '1.21.1ubuntu2.3'), deb('e2fsprogs', '1.46.5-2ubuntu1.2'), deb('gcc-12-base', '12.3.0-1ubuntu1~22.04'),
  deb('git', '1:2.34.1-1ubuntu1.11'), deb('gnupg', '2.2.27-3ubuntu2.1'), deb('grep', '3.7-1build1'), deb('gzip', '1.10-4ubuntu4.1'),
  deb('htop', '3.0.5-7build2'), deb('iproute2', '5.15.0-1ubuntu2'), deb('iputils-ping', '3:20211215-1'), deb('jq', '1.6-2.1ubuntu3'),
  deb('less', '590-1ubuntu0.22.04.3'), deb('libc6', '2.35-0ubuntu3.8'), deb('libssl3', '3.0.2-0ubuntu1.18'),
  deb('libsystemd0', '249.11-0ubuntu3.12'), deb('linux-image-5.15.0-119-generic', '5.15.0-119.129'), deb('login', '1:4.8.1-2ubuntu2.2'),
  deb('lsb-release', '11.1.0ubuntu4'), deb('mount', '2.37.2-4ubuntu3.4'), deb('nano', '6.2-1ubuntu0.1'), deb('ncurses-base', '6.3-2ubuntu0.1'),
  deb('netbase', '6.3'), deb('openssh-client', '1:8.9p1-3ubuntu0.10'), deb('openssh-server', '1:8.9p1-3ubuntu0.10'),
  deb('openssl', '3.0.2-0ubuntu1.18'), deb('passwd', '1:4.8.1-2ubuntu2.2'), deb('perl', '5.34.0-3ubuntu1.3'),
  deb('python3', '3.10.6-1~22.04.1'), deb('python3-apt', '2.4.0ubuntu4'), deb('python3-requests', '2.25.1+dfsg-2ubuntu0.1'),
  deb('rsync', '3.2.7-0ubuntu0.22.04.2'), deb('sed', '4.8-1ubuntu2'), deb('sudo', '1.9.9-1ubuntu2.4'), deb('systemd', '249.11-0ubuntu3.12'),
  deb('tar', '1.34+dfsg-1ubuntu0.1.22.04.2'), deb('tzdata', '2024a-0ubuntu0.22.04.1'), deb('unattended-upgrades', '2.8ubuntu1'),
  deb('vim', '2:8.2.3995-1ubuntu2.17'), deb('wget', '1.21.2-2ubuntu1.1'), deb('zlib1g', '1:1.2.11.dfsg-2ubuntu9.2'),
  deb('docker-ce', '5:27.1.1-1~ubuntu.22.04~jammy', 'Docker'), deb('google-chrome-stable', '127.0.6533.88-1', 'Google LLC'),
  deb('code', '1.92.0-1722473020', 'Microsoft Corporation'), deb('osquery', '5.12.1-1.linux', 'osquery'),
];

const app = (name: string, version: string, vendor: string, bundleId: string): CatalogEntry => ({ name, version, vendor, bundleId });

export const MAC_APP_CATALOG: readonly CatalogEntry[] = [
  app('Safari.app', '17.6', 'Apple', 'com.apple.Safari'), app('Mail.app', '16.0', 'Apple', 'com.apple.mail'),
  app('Calendar.app', '14.0', 'Apple', 'com.apple.iCal'), app('Notes.app', '4.11', 'Apple', 'com.apple.Notes'),
  app('Preview.app', '11.0', 'Apple', 'com.apple.Preview'), app('Terminal.app', '2.14', 'Apple', 'com.apple.Terminal'),
  app('Xcode.app', '15.4', 'Apple', 'com.apple.dt.Xcode'), app('Keynote.app', '14.1', 'Apple', 'com.apple.iWork.Keynote'),
  app('Numbers.app', '14.1', 'Apple', 'com.apple.iWork.Numbers'), app('Pages.app', '14.1', 'Apple', 'com.apple.iWork.Pages'),
  app('GarageBand.app', '10.4.11', 'Apple', 'com.apple.garageband10'), app('iMovie.app', '10.4.1', 'Apple', 'com.apple.iMovieApp'),
  app('Google Chrome.app', '127.0.6533.89', 'Google', 'com.google.Chrome'), app('Firefox.app', '128.0.3', 'Mozilla', 'org.mozilla.firefox'),
  app('Slack.app', '4.39.95', 'Slack Technologies', 'com.tinyspeck.slackmacgap'), app('zoom.us.app', '6.1.6', 'Zoom', 'us.zoom.xos'),
  app('Visual Studio Code.app', '1.92.0', 'Microsoft', 'com.microsoft.VSCode'), app('Microsoft Word.app', '16.87', 'Microsoft', 'com.microsoft.Word'),
  app('Microsoft Excel.app', '16.87', 'Microsoft', 'com.microsoft.Excel'), app('Microsoft Outlook.app', '16.87', 'Microsoft', 'com.microsoft.Outlook'),
  app('Microsoft PowerPoint.app', '16.87', 'Microsoft', 'com.microsoft.Powerpoint'), app('Microsoft Teams.app', '24193.1805.3040.8975', 'Microsoft', 'com.microsoft.teams2'),
  app('1Password.app', '8.10.40', 'AgileBits', 'com.1password.1password'), app('Docker.app', '4.33.0', 'Docker', 'com.docker.docker'),
  app('iTerm.app', '3.5.3', 'George Nachman', 'com.googlecode.iterm2'), app('Spotify.app', '1.2.42.290', 'Spotify', 'com.spotify.client'),
  app('Notion.app', '3.12.1', 'Notion Labs', 'notion.id'), app('Figma.app', '124.2.9', 'Figma', 'com.figma.Desktop'),
  app('Postman.app', '11.6.1', 'Postman', 'com.postmanlabs.mac'), app('Rectangle.app', '0.81', 'Ryan Hanson', 'com.knollsoft.Rectangle'),
  app('VLC.app', '3.0.21', 'VideoLAN', 'org.videolan.vlc'), app('The Unarchiver.app', '4.3.8', 'MacPaw', 'com.macpaw.site.theunarchiver'),
  app('Alfred 5.app', '5.5', 'Running with Crayons', 'com.runningwithcrayons.Alfred'), app('Discord.app', '0.0.313', 'Discord', 'com.hnc.Discord'),
  app('GitHub Desktop.app', '3.4.3', 'GitHub', 'com.github.GitHubClient'), app('Fleet Desktop.app', '1.29.0', 'Fleet Device Management', 'com.fleetdm.desktop'),
  app('Tailscale.app', '1.70.0', 'Tailscale', 'io.tailscale.ipn.macos'), app('Obsidian.app', '1.6.7', 'Dynalist', 'md.obsidian'),
  app('Brave Browser.app', '1.68.137', 'Brave Software', 'com.brave.Browser'), app('TextEdit.app', '1.19', 'Apple', 'com.apple.TextEdit'),
];

const program = (name: string, version: string, vendor: string): CatalogEntry => ({ name, version, vendor });

export const WINDOWS_PROGRAM_CATALOG: readonly CatalogEntry[] = [
  program('Google Chrome', '127.0.6533.89', 'Google LLC'), program('Mozilla Firefox (x64 en-US)', '128.0.3', 'Mozilla'),
  program('Microsoft Edge', '127.0.2651.86', 'Microsoft Corporation'), program('Microsoft Visual Studio Code', '1.92.0', 'Microsoft Corporation'),
  program('Microsoft 365 Apps for enterprise - en-us', '16.0.17726.20160', 'Microsoft Corporation'),
  program('Microsoft Teams', '24193.1805.3040.8975', 'Microsoft Corporation'), program('Microsoft OneDrive', '24.141.0714.0003', 'Microsoft Corporation'),
  program('Microsoft Visual C++ 2015-2022 Redistributable (x64) - 14.40.33810', '14.40.33810.0', 'Microsoft Corporation'),
  program('Microsoft Visual C++ 2015-2022 Redistributable (x86) - 14.40.33810', '14.40.33810.0', 'Microsoft Corporation'),
  program('Microsoft .NET Runtime - 8.0.7 (x64)', '8.0.7.33814', 'Microsoft Corporation'), program('Windows PC Health Check', '3.6.2204.08001', 'Microsoft Corporation'),
  program('7-Zip 24.07 (x64)', '24.07', 'Igor Pavlov'), program('Notepad++ (64-bit x64)', '8.6.9', 'Notepad++ Team'),
  program('Git', '2.46.0', 'The Git Development Community'), program('Python 3.12.4 (64-bit)', '3.12.4150.0', 'Python Software Foundation'),
  program('Node.js', '20.16.0', 'Node.js Foundation'), program('Docker Desktop', '4.33.0', 'Docker Inc.'),
  program('Slack', '4.39.95', 'Slack Technologies Inc.'), program('Zoom Workplace (64-bit)', '6.1.6', 'Zoom Video Communications, Inc.'),
  program('Adobe Acrobat (64-bit)', '24.002.20991', 'Adobe'), program('VLC media player', '3.0.21', 'VideoLAN'),
  program('PuTTY release 0.81 (64-bit)', '0.81.0.0', 'Simon Tatham'), program('WinSCP 6.3.4', '6.3.4', 'Martin Prikryl'),
  program('1Password', '8.10.40', 'AgileBits Inc.'), program('osquery', '5.12.1', 'osquery'),
  program('Fleet osquery', '1.29.0', 'Fleet Device Management (fleetdm.com)'), program('Spotify', '1.2.42.290', 'Spotify AB'),
  program('Postman x86_64 11.6.1', '11.6.1', 'Postman'), program('Greenshot 1.2.10.6', '1.2.10.6', 'Greenshot'),
  program('Microsoft Update Health Tools', '5.72.0.0', 'Microsoft Corporation'), program('Teams Machine-Wide Installer', '1.7.0.3653', 'Microsoft Corporation'),
  program('Intel(R) Management Engine Components', '2344.5.4.0', 'Intel Corporation'), program('Realtek Audio Driver', '6.0.9547.1', 'Realtek Semiconductor Corp.'),
  program('NVIDIA Graphics Driver 552.44', '552.44', 'NVIDIA Corporation'), program('Dell SupportAssist', '4.3.0.23930', 'Dell Inc.'),
  program('Java 8 Update 421 (64-bit)', '8.0.4210.9', 'Oracle Corporation'), program('Wireshark 4.2.6 64-bit', '4.2.6', 'The Wireshark developer community'),
  program('KeePass Password Safe 2.57', '2.57', 'Dominik Reichl'), program('Brave', '127.1.68.137', 'Brave Software Inc'),
];
