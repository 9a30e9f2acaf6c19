// GET of one object: requests/s through Skiff against a bare node:https server returning the
// same bytes over the same TLS. Goal: ratio >= 0.5.
import https from 'node:https';
import path from 'node:path';
import { startBaseline } from './baseline-server.mjs';
import { fmt, report, request, runLoad, startSkiff } from './lib.mjs';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const CONCURRENCY = 32;

const skiff = await startSkiff();
const agent = new https.Agent({ ...skiff.tls, keepAlive: true });
const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'bench' }, data: { key: 'x'.repeat(512) } };
await request(agent, skiff.port, 'POST', '/api/v1/namespaces/default/configmaps', cm);
const path1 = '/api/v1/namespaces/default/configmaps/bench';
const bytes = (await request(agent, skiff.port, 'GET', path1)).body;
const base = await startBaseline(path.join(skiff.dir, 'data', 'pki'), (req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': bytes.length });
  res.end(bytes);
});
const creds = { ca: skiff.tls.ca.toString('base64'), cert: skiff.tls.cert.toString('base64'), key: skiff.tls.key.toString('base64') };
const baseline = await runLoad({ ...creds, port: base.port, method: 'GET', path: path1, concurrency: CONCURRENCY, durationMs: DURATION });
const ours = await runLoad({ ...creds, port: skiff.port, method: 'GET', path: path1, concurrency: CONCURRENCY, durationMs: DURATION });
report(`GET one object (${bytes.length} bytes, ${CONCURRENCY} keep-alive clients, ${DURATION / 1000}s each)`, [
  ['baseline node:https req/s', fmt(baseline.rps, 0)],
  ['skiff req/s', fmt(ours.rps, 0)],
  ['skiff p50 / p99 ms', `${fmt(ours.p50, 2)} / ${fmt(ours.p99, 2)}`],
  ['errors (baseline / skiff)', `${baseline.errors} / ${ours.errors}`],
  ['ratio skiff / baseline (goal >= 0.5)', fmt(ours.rps / baseline.rps, 2)],
]);
agent.destroy();
await base.close();
await skiff.stop();
