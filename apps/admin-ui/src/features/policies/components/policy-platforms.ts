/** osquery platforms a policy can be limited to, as Fleet stores them (comma-separated; empty: every platform). */
export const POLICY_PLATFORMS = [
  { value: 'darwin', label: 'macOS' }, { value: 'windows', label: 'Windows' }, { value: 'linux', label: 'Linux' }, { value: 'chrome', label: 'ChromeOS' },
] as const;

export const platformsOf = (platform: string): string[] => platform.split(',').map((p) => p.trim()).filter(Boolean);

/** "macOS, Linux" or "All platforms". */
export const platformLabel = (platform: string): string => {
  const names = platformsOf(platform).map((p) => POLICY_PLATFORMS.find((x) => x.value === p)?.label ?? p);
  return names.length ? names.join(', ') : 'All platforms';
};
