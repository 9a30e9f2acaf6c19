import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, helmPath, kubectlPath, kubectlVersion } from './paths.js';
import { ensureTestImages, requireDocker } from './docker.js';

function run(args: string[]): void {
  const r = spawnSync(process.execPath, args, { cwd: REPO_ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed with ${r.status}`);
}

/** Acceptance tests drive the built CLI with the real tools: make sure both are there. */
export default function setup(): void {
  run(['scripts/fetch-tools.mjs']);
  if (!existsSync(path.join(REPO_ROOT, 'core', 'api', 'generated', 'definitions.json'))) run(['scripts/codegen/index.mjs']);
  run(['scripts/build-core.mjs']);
  for (const bin of [kubectlPath(), helmPath()]) if (!existsSync(bin)) throw new Error(`missing ${bin}: fetch-tools did not provide it`);
  if (requireDocker()) ensureTestImages();
  else process.stdout.write('acceptance: Docker is not running here; tests that run pods will be skipped (in CI they fail)\n');
  process.stdout.write(`acceptance: kubectl ${kubectlVersion()}\n`);
}
