// Runs every benchmark in turn; each prints its baseline, its own figures and the ratio.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './lib.mjs';

const benches = ['api-get.mjs', 'watch-latency.mjs', 'list.mjs', 'store-vs-etcd.mjs', 'startup-memory.mjs', 'scheduler.mjs', 'pod-start.mjs', ...process.argv.slice(2)];
let failed = 0;
for (const b of benches) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'test/bench', b)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
