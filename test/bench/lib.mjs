// Shared pieces of the benchmarks: a built `skiff up` on a temp data dir, an HTTPS agent with
// the admin certificate, timing helpers. Every benchmark prints its baseline, its own figure
// and the ratio, all measured in the same run.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `skiff up` on a temp data dir; with `kubelet`, pods run on the local Docker daemon. */
export async function startSkiff(extraArgs = [], { kubelet = false } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'skiff-bench-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  const started = process.hrtime.bigint();
  const proc = spawn(process.execPath, [path.join(ROOT, 'bin/skiff.js'), 'up', '--data-dir', path.join(dir, 'data'), '--port', '0', '--kubeconfig', kubeconfig, '--no-dashboard', ...(kubelet ? [] : ['--no-kubelet']), ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, HOME: dir },
  });
  let out = '';
  proc.stdout.on('data', (b) => (out += b));
  proc.stderr.on('data', (b) => (out += b));
  while (!/API server: https:\/\/127\.0\.0\.1:(\d+)/.test(out)) {
    if (proc.exitCode !== null) throw new Error(`skiff exited: ${out}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  const port = Number(/API server: https:\/\/127\.0\.0\.1:(\d+)/.exec(out)[1]);
  const doc = parse(readFileSync(kubeconfig, 'utf8'));
  const b = (s) => Buffer.from(s, 'base64');
  const tls = { ca: b(doc.clusters[0].cluster['certificate-authority-data']), cert: b(doc.users[0].user['client-certificate-data']), key: b(doc.users[0].user['client-key-data']) };
  return {
    proc,
    port,
    dir,
    tls,
    started,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function request(agent, port, method, p, body) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port, method, path: p, agent, servername: 'localhost', headers: { 'Content-Type': 'application/json' } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function report(name, rows) {
  console.log(`\n## ${name}`);
  for (const [label, value] of rows) console.log(`  ${label.padEnd(34)} ${value}`);
}

export const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : String(n));

/** Runs `load.mjs` in its own process: with two cores, the load generator never shares the server's. */
export function runLoad(args) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [path.join(ROOT, 'test/bench/load.mjs'), JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (b) => (out += b));
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load exited ${code}`))));
  });
}
