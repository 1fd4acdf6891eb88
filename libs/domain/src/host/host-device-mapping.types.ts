/**
 * One email of the human-device mapping (Fleet's `host_emails`): who uses a host, and where that came from.
 * This server sets only `custom` (one per host, by `PUT /hosts/:id/device_mapping`); Fleet's other sources
 * (`identity_provider`, `google_chrome_profiles`) would be rows of their own.
 */
export interface HostDeviceMapping {
  readonly email: string;
  readonly source: string;
}

export const CUSTOM_DEVICE_MAPPING_SOURCE = 'custom';
