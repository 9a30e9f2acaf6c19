// Creates/s with 16 concurrent clients: Skiff (HTTPS, validation, SQLite with fsync per commit)
// against an etcd server (Debian's etcd-server, fsync on) doing puts of the same sizes through
// the etcd3 client. Goal: ratio >= 1.0.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Etcd3 } from 'etcd3';
import { fmt, report, runLoad, startSkiff } from './lib.mjs';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const CLIENTS = 16;
const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm-__N__', namespace: 'default' }, data: { key: 'value-__N__', other: 'y'.repeat(200) } };

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
}

const skiff = await startSkiff();
const creds = { ca: skiff.tls.ca.toString('base64'), cert: skiff.tls.cert.toString('base64'), key: skiff.tls.key.toString('base64') };
const ours = await runLoad({ ...creds, port: skiff.port, method: 'POST', path: '/api/v1/namespaces/default/configmaps', concurrency: CLIENTS, durationMs: DURATION, body });
// The value etcd stores for a ConfigMap is about the size of the object Skiff stores.
const stored = JSON.stringify({ ...body, metadata: { ...body.metadata, uid: '00000000-0000-0000-0000-000000000000', resourceVersion: '12345', creationTimestamp: '2026-01-01T00:00:00Z', managedFields: [{ manager: 'bench', operation: 'Update', apiVersion: 'v1', time: '2026-01-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { '.': {}, 'f:key': {}, 'f:other': {} } } }] } });
await skiff.stop();

const dir = mkdtempSync(path.join(os.tmpdir(), 'skiff-bench-etcd-'));
const [clientPort, peerPort] = [await freePort(), await freePort()];
const etcd = spawn('etcd', ['--data-dir', dir, '--listen-client-urls', `http://127.0.0.1:${clientPort}`, '--advertise-client-urls', `http://127.0.0.1:${clientPort}`, '--listen-peer-urls', `http://127.0.0.1:${peerPort}`, '--initial-advertise-peer-urls', `http://127.0.0.1:${peerPort}`, '--initial-cluster', `default=http://127.0.0.1:${peerPort}`], { stdio: 'ignore' });
const client = new Etcd3({ hosts: `http://127.0.0.1:${clientPort}` });
for (let i = 0; ; i++) {
  try {
    await client.put('/warmup').value('x');
    break;
  } catch {
    if (i > 200) throw new Error('etcd did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
}
let done = 0;
let n = 0;
const deadline = Date.now() + DURATION;
const start = process.hrtime.bigint();
await Promise.all(
  Array.from({ length: CLIENTS }, async (_, w) => {
    while (Date.now() < deadline) {
      const key = `/registry/configmaps/default/cm-${w}-${n++}`;
      // A create is a transaction in the apiserver's etcd store: put only if the key is new.
      await client.if(key, 'Create', '==', 0).then(client.put(key).value(stored)).commit();
      done++;
    }
  }),
);
const etcdRps = done / (Number(process.hrtime.bigint() - start) / 1e9);
client.close();
etcd.kill();
await new Promise((r) => etcd.once('exit', r));
rmSync(dir, { recursive: true, force: true });

report(`creates/s, ${CLIENTS} concurrent clients, ${DURATION / 1000}s, ~${stored.length}-byte values`, [
  ['baseline etcd 3.4 txn puts/s (fsync)', fmt(etcdRps, 0)],
  ['skiff creates/s (fsync per commit)', fmt(ours.rps, 0)],
  ['skiff create p50 / p99 ms', `${fmt(ours.p50, 2)} / ${fmt(ours.p99, 2)}`],
  ['ratio skiff / etcd (goal >= 1.0)', fmt(ours.rps / etcdRps, 2)],
]);
