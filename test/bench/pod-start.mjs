// Pod start latency: `kubectl apply` of a Deployment of 10 replicas until all pods are Ready,
// against creating and starting the same containers (a sandbox plus an app container joined to
// its network namespace, per pod) directly with Docker in the same run. Goal: ratio <= 1.3.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { fmt, percentile, report, startSkiff, ROOT } from './lib.mjs';

const REPLICAS = 10;
const IMAGE = 'skiff-bench/busybox:1';
const docker = new Docker();

function ensureImage() {
  if (spawnSync('docker', ['image', 'inspect', IMAGE], { stdio: 'ignore' }).status === 0) return;
  const busybox = ['/usr/bin/busybox', '/bin/busybox'].find((p) => existsSync(p));
  if (!busybox) throw new Error('needs a static busybox (apt-get install busybox-static)');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'skiff-bench-img-'));
  copyFileSync(busybox, path.join(dir, 'busybox'));
  writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox","--install","-s","/bin"]\nCMD ["/bin/sh"]\n');
  const r = spawnSync('docker', ['build', '-q', '-t', IMAGE, dir], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(r.stderr);
}

async function baselineRun() {
  const t = process.hrtime.bigint();
  const ids = [];
  const perPod = await Promise.all(
    Array.from({ length: REPLICAS }, async (_, i) => {
      const sandbox = await docker.createContainer({ Image: IMAGE, Cmd: ['sleep', '2147483647'], name: `skiff-bench-pod-${i}-${Date.now()}`, HostConfig: { NetworkMode: 'bridge' } });
      await sandbox.start();
      const app = await docker.createContainer({ Image: IMAGE, Cmd: ['sleep', '3600'], HostConfig: { NetworkMode: `container:${sandbox.id}` } });
      await app.start();
      ids.push(sandbox.id, app.id);
      return Number(process.hrtime.bigint() - t) / 1e6;
    }),
  );
  const total = Number(process.hrtime.bigint() - t) / 1e6;
  await Promise.all(ids.map((id) => docker.getContainer(id).remove({ force: true }).catch(() => {})));
  return { total, perPod: perPod.sort((a, b) => a - b) };
}

async function skiffRun(skiff, kubectl, name) {
  const manifest = path.join(skiff.dir, `${name}.yaml`);
  writeFileSync(
    manifest,
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}}\nspec:\n  replicas: ${REPLICAS}\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec:\n      terminationGracePeriodSeconds: 0\n      automountServiceAccountToken: false\n      containers:\n      - {name: app, image: ${IMAGE}, imagePullPolicy: Never, command: [sleep, "3600"]}\n`,
  );
  const t = Date.now();
  const r = spawnSync(kubectl, ['--kubeconfig', path.join(skiff.dir, 'kubeconfig'), 'apply', '-f', manifest], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const w = spawnSync(kubectl, ['--kubeconfig', path.join(skiff.dir, 'kubeconfig'), 'wait', '--for=condition=Ready', 'pod', '-l', `app=${name}`, '--timeout=120s'], { encoding: 'utf8' });
  const total = Date.now() - t;
  if (w.status !== 0) throw new Error(w.stderr);
  const pods = JSON.parse(spawnSync(kubectl, ['--kubeconfig', path.join(skiff.dir, 'kubeconfig'), 'get', 'pods', '-l', `app=${name}`, '-o', 'json'], { encoding: 'utf8', maxBuffer: 1 << 26 }).stdout).items;
  // Ready transition times have second precision; the containers' start times say more.
  const perPod = pods.map((p) => Date.parse(p.status.containerStatuses[0].state.running.startedAt) - Math.floor(t / 1000) * 1000).sort((a, b) => a - b);
  return { total, perPod };
}

ensureImage();
const node = `skiff-bench-${process.pid}`;
const skiff = await startSkiff(['--pause-image', IMAGE, '--pause-command', 'sleep 2147483647', '--node-name', node], { kubelet: true });
const kubectl = path.join(ROOT, '.cache/tools/bin/kubectl-1.34');
spawnSync(kubectl, ['--kubeconfig', path.join(skiff.dir, 'kubeconfig'), 'wait', '--for=condition=Ready', `node/${node}`, '--timeout=60s']);
// Warm both paths once (image layers in the page cache, the kubelet's informers), then measure.
await baselineRun();
await skiffRun(skiff, kubectl, 'warm');
const base = await baselineRun();
const ours = await skiffRun(skiff, kubectl, 'bench');
report(`pod start: Deployment of ${REPLICAS} replicas until all Ready`, [
  ['baseline raw docker (sandbox + app) ms', fmt(base.total, 0)],
  ['baseline per pod p50 / p99 ms', `${fmt(percentile(base.perPod, 50), 0)} / ${fmt(percentile(base.perPod, 99), 0)}`],
  ['skiff apply to all Ready ms', fmt(ours.total, 0)],
  ['skiff per pod started p50 / p99 ms', `${fmt(percentile(ours.perPod, 50), 0)} / ${fmt(percentile(ours.perPod, 99), 0)}`],
  ['ratio skiff / baseline (goal <= 1.3)', fmt(ours.total / base.total, 2)],
]);
await skiff.stop();
spawnSync('sh', ['-c', `docker rm -f $(docker ps -aq --filter label=skiff.node=${node}) >/dev/null 2>&1`]);
