import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { byKind, describeDeploymentChecks, parseManifests } from './support/manifest-checks';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const kustomize = async (dir: string) => parseManifests((await run('kubectl', ['kustomize', join(ROOT, 'k8s', dir)], { maxBuffer: 10 * 1024 * 1024 })).stdout);

/** Both kustomize overlays, built as `kubectl apply -k` would build them. */
describe.each(['development', 'production'])('k8s/overlays/%s, built with kubectl kustomize', (overlay) => {
  describeDeploymentChecks(() => kustomize(join('overlays', overlay)));
});

describe('k8s/', () => {
  it('is rendered from the chart: base, contract Job and production monitoring equal a fresh render', async () => {
    await expect(run(process.execPath, [join(ROOT, 'tools', 'k8s-manifests.js'), '--check'], { timeout: 120_000 })).resolves.toBeDefined();
  }, 150_000);

  it('applies the contract migrations as a Job of their own, after the rollout', async () => {
    const objs = await kustomize('contract');
    expect(objs.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Job/fleet-migrate-contract']);
    const job = byKind(objs, 'Job')[0];
    expect(job?.spec?.template.spec?.containers[0].args).toEqual(['prepare', 'db', '--no-prompt', '--phase', 'contract']);
    expect(job?.spec?.template.spec?.containers[0].image).toBe('ghcr.io/fleet-ts/fleet:0.1.0');
    const base = await kustomize('base');
    expect(byKind(base, 'Job').map((j) => j.metadata?.name)).toEqual(['fleet-migrate-expand']);
  });
});
