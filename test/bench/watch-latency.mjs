// Watch latency: from sending a create to its ADDED event reaching a watching client, p50/p99.
// Baseline: a bare node:https server that writes the same event line to a held response when it
// receives the POST. Goal: skiff p99 <= 5 ms.
import https from 'node:https';
import path from 'node:path';
import { startBaseline } from './baseline-server.mjs';
import { fmt, percentile, report, startSkiff } from './lib.mjs';

const N = Number(process.env.BENCH_EVENTS ?? 500);

function openWatch(agent, port, p, onLine) {
  return new Promise((resolve) => {
    const req = https.request({ host: '127.0.0.1', port, path: p, agent, servername: 'localhost' }, (res) => {
      let buf = '';
      res.on('data', (c) => {
        buf += c;
        let i;
        while ((i = buf.indexOf('\n')) >= 0) {
          onLine(buf.slice(0, i));
          buf = buf.slice(i + 1);
        }
      });
      resolve(req);
    });
    req.end();
  });
}

function post(agent, port, p, body) {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = https.request({ host: '127.0.0.1', port, method: 'POST', path: p, agent, servername: 'localhost', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

async function measure(agent, port, watchPath, postPath) {
  const waiting = new Map();
  const latencies = [];
  const watch = await openWatch(agent, port, watchPath, (line) => {
    const name = /"name":"(lat-\d+)"/.exec(line)?.[1];
    const w = name && waiting.get(name);
    if (w) {
      latencies.push(Number(process.hrtime.bigint() - w.t) / 1e6);
      waiting.delete(name);
      w.resolve();
    }
  });
  for (let i = 0; i < N; i++) {
    const name = `lat-${i}`;
    const seen = new Promise((resolve) => waiting.set(name, { t: process.hrtime.bigint(), resolve }));
    await Promise.all([post(agent, port, postPath, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { i: String(i) } }), seen]);
  }
  watch.destroy();
  return latencies.sort((a, b) => a - b);
}

const skiff = await startSkiff();
const agent = new https.Agent({ ...skiff.tls, keepAlive: true, maxSockets: 4 });
const ours = await measure(agent, skiff.port, '/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=0', '/api/v1/namespaces/default/configmaps');
let held;
const base = await startBaseline(path.join(skiff.dir, 'data', 'pki'), (req, res) => {
  if (req.method === 'GET') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.flushHeaders();
    held = res;
    return;
  }
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    res.writeHead(201, { 'Content-Type': 'application/json' });
    res.end(body);
    held?.write(`{"type":"ADDED","object":${body}}\n`);
  });
});
const baseline = await measure(agent, base.port, '/watch', '/create');
report(`watch latency, create to event (${N} sequential creates)`, [
  ['baseline p50 / p99 ms', `${fmt(percentile(baseline, 50), 2)} / ${fmt(percentile(baseline, 99), 2)}`],
  ['skiff p50 / p99 ms (goal p99 <= 5)', `${fmt(percentile(ours, 50), 2)} / ${fmt(percentile(ours, 99), 2)}`],
  ['ratio skiff / baseline at p50', fmt(percentile(ours, 50) / percentile(baseline, 50), 2)],
  ['ratio skiff / baseline at p99', fmt(percentile(ours, 99) / percentile(baseline, 99), 2)],
]);
agent.destroy();
await base.close();
await skiff.stop();
