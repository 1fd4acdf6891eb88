import { S3Client } from '@aws-sdk/client-s3';
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/nested-clients/sts';
import type { FleetConfig } from '@fleet/config';

/** Where carves go in S3-compatible storage: a client, the bucket and the key prefix. */
export interface CarveObjectStore {
  readonly client: S3Client;
  readonly bucket: string;
  readonly prefix: string;
}

type Credentials = NonNullable<S3ClientConfig['credentials']>;

/**
 * Temporary credentials of `s3.carves_sts_assume_role_arn`, assumed with the default credential chain (or the
 * static keys when given) and renewed by the SDK before they expire. The STS client is the one the SDK itself
 * uses to assume roles (a dependency of @aws-sdk/client-s3).
 */
function assumedRole(s3: FleetConfig['s3'], region: string, base: Credentials | undefined): Credentials {
  const sts = new STSClient({ region, ...(base ? { credentials: base } : {}) });
  return async () => {
    const { Credentials: c } = await sts.send(new AssumeRoleCommand({
      RoleArn: s3.carves_sts_assume_role_arn, RoleSessionName: 'fleet-carves', ...(s3.carves_sts_external_id ? { ExternalId: s3.carves_sts_external_id } : {}),
    }));
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`STS AssumeRole ${s3.carves_sts_assume_role_arn} returned no credentials`);
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
  };
}

/**
 * The carve store of `s3.carves_*` (Fleet's option names), or null when no bucket is configured (carves stay
 * in MySQL). Checksums are sent and checked only where S3 requires them: S3-compatible servers (MinIO, Ceph,
 * local test servers) often reject the SDK's newer default trailing checksums.
 */
export function carveObjectStore(config: FleetConfig): CarveObjectStore | null {
  const s3 = config.s3;
  if (!s3.carves_bucket) return null;
  const region = s3.carves_region || 'us-east-1';
  const keys: Credentials | undefined = s3.carves_access_key_id
    ? { accessKeyId: s3.carves_access_key_id, secretAccessKey: s3.carves_secret_access_key } : undefined;
  const credentials = s3.carves_sts_assume_role_arn ? assumedRole(s3, region, keys) : keys;
  const client = new S3Client({
    region,
    ...(s3.carves_endpoint_url ? { endpoint: s3.carves_endpoint_url } : {}),
    ...(credentials ? { credentials } : {}),
    forcePathStyle: s3.carves_force_s3_path_style,
    tls: !s3.carves_disable_ssl,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return { client, bucket: s3.carves_bucket, prefix: s3.carves_prefix };
}
