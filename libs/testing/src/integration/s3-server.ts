import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The part of s3rver's API the tests use (the package ships no types). */
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;

/** s3rver's fixed credentials (it checks request signatures against them). */
export const S3_TEST_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/**
 * A real S3-compatible server (s3rver, objects in a temporary folder) on a free local port, with the given
 * buckets. It implements multipart uploads, ranged GETs and the S3 error codes; it does not enforce S3's
 * 5 MiB minimum part size, so tests check part sizes themselves.
 */
export class S3TestServer {
  private constructor(private readonly server: S3rverInstance, private readonly dir: string, readonly endpoint: string) {}

  static async start(buckets: readonly string[]): Promise<S3TestServer> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- s3rver is CommonJS without types
    const S3rver = require('s3rver') as S3rverClass;
    const dir = mkdtempSync(join(tmpdir(), 's3rver-'));
    const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: buckets.map((name) => ({ name })) });
    const { port } = await server.run();
    return new S3TestServer(server, dir, `http://127.0.0.1:${port}`);
  }

  /** The `s3.carves_*` flags of a server that stores carves here. */
  carveFlags(bucket: string, prefix = ''): Record<string, string | boolean> {
    return {
      s3_carves_bucket: bucket, s3_carves_prefix: prefix, s3_carves_region: 'us-east-1', s3_carves_endpoint_url: this.endpoint,
      s3_carves_access_key_id: S3_TEST_CREDENTIALS.accessKeyId, s3_carves_secret_access_key: S3_TEST_CREDENTIALS.secretAccessKey,
      s3_carves_force_s3_path_style: true, s3_carves_disable_ssl: true,
    };
  }

  async close(): Promise<void> {
    await this.server.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
