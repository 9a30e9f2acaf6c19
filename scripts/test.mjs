// The whole test suite: type checks, lint, unit tests, then the acceptance suites with the
// real kubectl 1.34 and, for the kubectl-compatibility suite, again with 1.33 and 1.35.
// Ends with one "N passed, N failed" line that counts every test that ran.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = path.join(root, 'test', 'artifacts', 'results');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

function step(name, cmd, args, env = {}) {
  console.log(`\n=== ${name}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function check(name, cmd, args) {
  if (step(name, cmd, args)) passed++;
  else {
    failed++;
    failures.push(name);
  }
}

function vitest(name, args, env = {}) {
  const file = path.join(out, `${name.replace(/\W+/g, '-')}.json`);
  const ok = step(name, 'npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`], env);
  let counted = false;
  try {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    // A file whose setup fails reports its tests as skipped: count the file as a failure.
    const brokenFiles = (report.testResults ?? []).filter((f) => f.status === 'failed' && !f.assertionResults.some((t) => t.status === 'failed')).length;
    passed += report.numPassedTests;
    failed += report.numFailedTests + brokenFiles;
    if (brokenFiles) failures.push(`${name}: ${brokenFiles} file(s) failed to set up`);
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    if (report.numFailedTests) failures.push(`${name}: ${report.numFailedTests} failed`);
    counted = true;
    if (report.numTotalTests === 0) {
      failed++;
      failures.push(`${name}: ran no test`);
    }
  } catch {
    /* no report: counted below */
  }
  if (!ok && (!counted || !failures.some((f) => f.startsWith(name)))) {
    failed++;
    failures.push(`${name}: vitest exited non-zero`);
  }
}

// Every suite may drive the real binaries: kubectl 1.33, 1.34 and 1.35, and helm.
if (!step('fetch kubectl and helm', process.execPath, ['scripts/fetch-tools.mjs'])) {
  failed++;
  failures.push('fetch kubectl and helm');
}
check('typecheck core', 'npx', ['tsc', '-p', 'core']);
check('typecheck tests', 'npx', ['tsc', '-p', 'test']);
check('typecheck electron', 'npx', ['tsc', '-p', 'electron']);
check('typecheck renderer', 'npx', ['vue-tsc', '-p', 'renderer']);
check('lint', 'npx', ['eslint', '.']);
vitest('unit', ['--project', 'unit']);
vitest('acceptance kubectl 1.34', ['--project', 'acceptance'], { SKIFF_KUBECTL: '1.34' });
vitest('ui', ['--project', 'ui']);
for (const v of ['1.33', '1.35']) vitest(`acceptance kubectl ${v}`, ['--project', 'acceptance', 'test/acceptance/kubectl'], { SKIFF_KUBECTL: v });

console.log('');
if (failures.length) console.log(`failures:\n  ${failures.join('\n  ')}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
