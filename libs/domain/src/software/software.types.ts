/** A software version installed on at least one host the reader may see, with how many such hosts have it. */
export interface SoftwareVersion {
  readonly id: number;
  readonly name: string;
  readonly version: string;
  readonly source: string;
  readonly vendor: string;
  readonly release: string;
  readonly arch: string;
  readonly hostsCount: number;
}
