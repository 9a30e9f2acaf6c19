// Start-up time (`skiff up` to /readyz ok) and memory (RSS idle and after 5,000 objects), each
// against a bare node:https process measured the same way. Goals: <= 1 s; <= 100 MB; <= 200 MB.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, mkdtempSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fmt, report, runLoad, startSkiff } from './lib.mjs';

function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) / 1024;
}

function getReady(port, ca) {
  return new Promise((resolve) => {
    const req = https.get({ host: '127.0.0.1', port, path: '/readyz', ca, servername: 'localhost' }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve(body === 'ok'));
    });
    req.on('error', () => resolve(false));
  });
}

async function untilReady(port, ca) {
  while (!(await getReady(port, ca))) await new Promise((r) => setTimeout(r, 2));
}

// Skiff: from spawning the process to /readyz answering ok, on a fresh data dir (first start
// creates the certificates) and again on the same one.
const times = [];
let skiff;
for (let i = 0; i < 3; i++) {
  const t = process.hrtime.bigint();
  skiff = await startSkiff();
  await untilReady(skiff.port, skiff.tls.ca);
  times.push(Number(process.hrtime.bigint() - t) / 1e6);
  if (i < 2) await skiff.stop();
}
await new Promise((r) => setTimeout(r, 2000));
const idle = rssOf(skiff.proc.pid);
const creds = { ca: skiff.tls.ca.toString('base64'), cert: skiff.tls.cert.toString('base64'), key: skiff.tls.key.toString('base64') };
await runLoad({ ...creds, port: skiff.port, method: 'POST', path: '/api/v1/namespaces/default/configmaps', concurrency: 16, count: 5000, body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm-__N__' }, data: { key: 'value-__N__', other: 'y'.repeat(200) } } });
await new Promise((r) => setTimeout(r, 2000));
const loaded = rssOf(skiff.proc.pid);

// Baseline: a bare node:https server process with the same certificate.
const dir = mkdtempSync(path.join(os.tmpdir(), 'skiff-bench-base-'));
const script = path.join(dir, 'server.mjs');
const pki = path.join(skiff.dir, 'data', 'pki');
writeFileSync(script, `import https from 'node:https';import {readFileSync} from 'node:fs';
const s=https.createServer({key:readFileSync(${JSON.stringify(path.join(pki, 'apiserver.key'))}),cert:readFileSync(${JSON.stringify(path.join(pki, 'apiserver.crt'))})},(q,r)=>r.end('ok'));
s.listen(0,'127.0.0.1',()=>console.log(s.address().port));`);
const t = process.hrtime.bigint();
const base = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
const basePort = await new Promise((r) => base.stdout.once('data', (b) => r(Number(String(b).trim()))));
await untilReady(basePort, skiff.tls.ca);
const baseStart = Number(process.hrtime.bigint() - t) / 1e6;
await new Promise((r) => setTimeout(r, 2000));
const baseRss = rssOf(base.pid);
base.kill();
rmSync(dir, { recursive: true, force: true });

report('start-up to /readyz ok', [
  ['baseline bare node:https start ms', fmt(baseStart, 0)],
  ['skiff first start (new data dir) ms', fmt(times[0], 0)],
  ['skiff later starts ms (goal <= 1000)', `${fmt(times[1], 0)}, ${fmt(times[2], 0)}`],
  ['ratio skiff / baseline', fmt(times[2] / baseStart, 2)],
]);
report('resident memory', [
  ['baseline bare node:https MB', fmt(baseRss, 0)],
  ['skiff idle MB (goal <= 100)', fmt(idle, 0)],
  ['skiff after 5,000 objects MB (goal <= 200)', fmt(loaded, 0)],
  ['ratio skiff idle / baseline', fmt(idle / baseRss, 2)],
]);
await skiff.stop();
