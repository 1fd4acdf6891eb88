import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describeDeploymentChecks, parseManifests } from './support/manifest-checks';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

/** Both kustomize overlays, built as `kubectl apply -k` would build them. */
describe.each(['development', 'production'])('k8s/overlays/%s, built with kubectl kustomize', (overlay) => {
  describeDeploymentChecks(async () => {
    const { stdout } = await run('kubectl', ['kustomize', join(ROOT, 'k8s', 'overlays', overlay)], { maxBuffer: 10 * 1024 * 1024 });
    return parseManifests(stdout);
  });
});
