// Runs after `npm ci`/`npm install`: fetches the build inputs, generates the schema data and
// builds the CLI, so `npx skiff up` works in a fresh clone.
import { spawnSync } from 'node:child_process';

function run(args) {
  const r = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: new URL('..', import.meta.url).pathname });
  if (r.status !== 0) {
    console.error(`prepare: "node ${args.join(' ')}" failed`);
    process.exit(r.status ?? 1);
  }
}

run(['scripts/fetch-tools.mjs', '--only=kubectl-1.34,client-node']);
run(['scripts/codegen/index.mjs']);
run(['scripts/build-core.mjs']);
run(['scripts/build-app.mjs', '--renderer']);
