// LIST of 5,000 ConfigMaps: time per list through Skiff against a bare node:https server
// returning the same bytes. Goal: <= 150 ms.
import https from 'node:https';
import path from 'node:path';
import { startBaseline } from './baseline-server.mjs';
import { fmt, percentile, report, request, runLoad, startSkiff } from './lib.mjs';

const COUNT = 5000;
const skiff = await startSkiff();
const agent = new https.Agent({ ...skiff.tls, keepAlive: true });
const creds = { ca: skiff.tls.ca.toString('base64'), cert: skiff.tls.cert.toString('base64'), key: skiff.tls.key.toString('base64') };
await runLoad({ ...creds, port: skiff.port, method: 'POST', path: '/api/v1/namespaces/default/configmaps', concurrency: 16, count: COUNT, body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm-__N__', labels: { app: 'bench' } }, data: { key: 'value-__N__', other: 'y'.repeat(200) } } });
const listPath = '/api/v1/namespaces/default/configmaps';
const timeList = async (port) => {
  const times = [];
  let size = 0;
  for (let i = 0; i < 20; i++) {
    const t = process.hrtime.bigint();
    const r = await request(agent, port, 'GET', listPath);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    size = r.body.length;
  }
  return { times: times.sort((a, b) => a - b), size };
};
const ours = await timeList(skiff.port);
const bytes = (await request(agent, skiff.port, 'GET', listPath)).body;
const items = JSON.parse(bytes).items.length;
const base = await startBaseline(path.join(skiff.dir, 'data', 'pki'), (req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': bytes.length });
  res.end(bytes);
});
const baseline = await timeList(base.port);
report(`LIST of ${items} ConfigMaps (${(bytes.length / 1e6).toFixed(1)} MB, 20 lists each)`, [
  ['baseline p50 ms', fmt(percentile(baseline.times, 50), 1)],
  ['skiff p50 / max ms (goal <= 150)', `${fmt(percentile(ours.times, 50), 1)} / ${fmt(ours.times.at(-1), 1)}`],
  ['ratio skiff / baseline at p50', fmt(percentile(ours.times, 50) / percentile(baseline.times, 50), 2)],
]);
agent.destroy();
await base.close();
await skiff.stop();
