import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerAvailable, IMAGE_V1, IMAGE_V2, nodeContainers } from '../../support/docker.js';
import { kubectlPath } from '../../support/paths.js';
import { startPodCluster } from '../../support/pod-cluster.js';
import type { SkiffProcess } from '../../support/skiff.js';
import { until } from '../../support/until.js';

let cluster: Awaited<ReturnType<typeof startPodCluster>>;
let skiff: SkiffProcess;
let k: SkiffProcess['kubectl'];

const deployment = (image: string, replicas = 3) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: ${replicas}
  strategy: {rollingUpdate: {maxUnavailable: 0, maxSurge: 1}}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      terminationGracePeriodSeconds: 2
      containers:
      - name: web
        image: ${image}
        imagePullPolicy: Never
        command: [httpd, -f, -p, "8080", -h, /www]
        ports: [{containerPort: 8080}]
        readinessProbe: {httpGet: {path: /, port: 8080}, periodSeconds: 1}
`;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

describe.runIf(dockerAvailable() || process.env.CI === 'true')('pods on Docker', () => {
  beforeAll(async () => {
    cluster = await startPodCluster();
    skiff = cluster.skiff;
    k = skiff.kubectl;
  });
  afterAll(async () => {
    await cluster?.dispose();
  });

  it('registers a Ready node', async () => {
    await k.ok(['wait', '--for=condition=Ready', `node/${cluster.node}`, '--timeout=60s']);
    const nodeObj = await k.json(['get', 'node', cluster.node]);
    expect(nodeObj.status.nodeInfo.containerRuntimeVersion).toMatch(/^docker:\/\//);
  });

  it('runs a Deployment of 3 HTTP servers until it is Available', async () => {
    writeFileSync(path.join(skiff.workDir, 'web.yaml'), deployment(IMAGE_V1));
    await k.ok(['apply', '-f', path.join(skiff.workDir, 'web.yaml')]);
    await k.ok(['rollout', 'status', 'deployment/web', '--timeout=120s']);
    await k.ok(['wait', '--for=condition=Available', 'deployment/web', '--timeout=60s']);
    const pods = await k.json(['get', 'pods', '-l', 'app=web']);
    expect(pods.items).toHaveLength(3);
    for (const p of pods.items) expect(p.status.podIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const names = nodeContainers(cluster.node).map((c) => c.name);
    expect(names.filter((n) => n.startsWith('k8s_web_web-'))).toHaveLength(3);
    expect(names.filter((n) => n.startsWith('k8s_POD_web-'))).toHaveLength(3);
  });

  it('streams logs with logs -f', async () => {
    await k.ok(['run', 'talker', `--image=${IMAGE_V1}`, '--image-pull-policy=Never', '--restart=Never', '--', 'sh', '-c', 'i=0; while true; do echo line-$i; i=$((i+1)); sleep 0.5; done']);
    await k.ok(['wait', '--for=condition=Ready', 'pod/talker', '--timeout=60s']);
    const p = spawn(kubectlPath(), ['--kubeconfig', skiff.kubeconfig, 'logs', '-f', 'talker'], { env: { ...process.env, ...k.env } });
    let out = '';
    p.stdout.on('data', (b) => (out += b));
    try {
      await until(() => /line-\d+/.test(out), 20_000, 'first line');
      const first = Number(/line-(\d+)/.exec(out)![1]);
      await until(() => out.includes(`line-${first + 3}`), 20_000, 'new lines');
    } finally {
      p.kill();
    }
  });

  it('execs commands with exit codes, and a shell through a terminal', async () => {
    const pod = (await k.json(['get', 'pods', '-l', 'app=web'])).items[0].metadata.name;
    expect((await k.ok(['exec', pod, '--', 'cat', '/www/index.html'])).trim()).toBe('version 1');
    const r = await k.run(['exec', pod, '--', 'sh', '-c', 'exit 7']);
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/command terminated with exit code 7/);
    const tty = await new Promise<string>((resolve) => {
      const script = `import os, pty, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
os.write(fd, b"echo hello-from-$((6*7))\\r")
time.sleep(1.5)
os.write(fd, b"exit\\r")
out = b""
while True:
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    out += data
sys.stdout.write(out.decode(errors="replace"))`;
      const p = spawn('python3', ['-c', script, kubectlPath(), '--kubeconfig', skiff.kubeconfig, 'exec', '-it', pod, '--', 'sh'], { env: { ...process.env, ...k.env } });
      let out = '';
      p.stdout.on('data', (b) => (out += b));
      p.on('close', () => resolve(out));
    });
    expect(tty).toContain('hello-from-42');
  });

  it('forwards a local port to the pod', async () => {
    const pod = (await k.json(['get', 'pods', '-l', 'app=web'])).items[0].metadata.name;
    const port = await freePort();
    const p = spawn(kubectlPath(), ['--kubeconfig', skiff.kubeconfig, 'port-forward', `pod/${pod}`, `${port}:8080`], { env: { ...process.env, ...k.env } });
    let out = '';
    p.stdout.on('data', (b) => (out += b));
    try {
      await until(() => out.includes('Forwarding from'), 20_000, 'port-forward');
      for (let i = 0; i < 3; i++) {
        const body = await (await fetch(`http://127.0.0.1:${port}/`)).text();
        expect(body.trim()).toBe('version 1');
      }
    } finally {
      p.kill();
    }
  });

  it('copies files in and out with kubectl cp', async () => {
    const pod = (await k.json(['get', 'pods', '-l', 'app=web'])).items[0].metadata.name;
    const local = path.join(skiff.workDir, 'cp');
    mkdirSync(local, { recursive: true });
    writeFileSync(path.join(local, 'in.txt'), 'hello pod\n');
    await k.ok(['cp', path.join(local, 'in.txt'), `${pod}:/tmp/in.txt`]);
    expect(await k.ok(['exec', pod, '--', 'cat', '/tmp/in.txt'])).toBe('hello pod\n');
    await k.ok(['cp', `${pod}:/www/index.html`, path.join(local, 'out.html')]);
    expect(readFileSync(path.join(local, 'out.html'), 'utf8').trim()).toBe('version 1');
  });

  it('restarts a killed container and replaces a deleted pod', async () => {
    const pod = (await k.json(['get', 'pods', '-l', 'app=web'])).items[0];
    const container = nodeContainers(cluster.node).find((c) => c.name.startsWith(`k8s_web_${pod.metadata.name}_`) && c.state === 'running')!;
    const { spawnSync } = await import('node:child_process');
    spawnSync('docker', ['kill', container.id]);
    await until(async () => (await k.json(['get', 'pod', pod.metadata.name])).status.containerStatuses[0].restartCount >= 1, 60_000, 'restart');
    await k.ok(['delete', 'pod', pod.metadata.name, '--wait=true']);
    await until(async () => {
      const pods = (await k.json(['get', 'pods', '-l', 'app=web'])).items;
      return pods.length === 3 && !pods.some((p: { metadata: { name: string } }) => p.metadata.name === pod.metadata.name);
    }, 60_000, 'replacement pod');
    await k.ok(['rollout', 'status', 'deployment/web', '--timeout=120s']);
  });

  it('rolls out a new image without losing availability, and rolls back', async () => {
    writeFileSync(path.join(skiff.workDir, 'web2.yaml'), deployment(IMAGE_V2));
    await k.ok(['apply', '-f', path.join(skiff.workDir, 'web2.yaml')]);
    let minReady = 3;
    const watcher = setInterval(async () => {
      const d = await k.json(['get', 'deploy', 'web']).catch(() => undefined);
      if (d?.status?.availableReplicas !== undefined) minReady = Math.min(minReady, d.status.availableReplicas);
    }, 300);
    try {
      await k.ok(['rollout', 'status', 'deployment/web', '--timeout=180s']);
    } finally {
      clearInterval(watcher);
    }
    expect(minReady).toBeGreaterThanOrEqual(3);
    const pod = (await k.json(['get', 'pods', '-l', 'app=web'])).items[0].metadata.name;
    expect((await k.ok(['exec', pod, '--', 'cat', '/www/index.html'])).trim()).toBe('version 2');
    expect(await k.ok(['rollout', 'history', 'deployment/web'])).toMatch(/^2\s/m);
    await k.ok(['rollout', 'undo', 'deployment/web']);
    await k.ok(['rollout', 'status', 'deployment/web', '--timeout=180s']);
    const d = await k.json(['get', 'deploy', 'web']);
    expect(d.spec.template.spec.containers[0].image).toBe(IMAGE_V1);
    expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('3');
  });

  it('deleting the Deployment removes its ReplicaSets, pods and containers', async () => {
    await k.ok(['delete', 'deployment', 'web', '--wait=true', '--timeout=60s']);
    await until(async () => (await k.ok(['get', 'rs,pods', '-l', 'app=web', '-o', 'name'])).trim() === '', 60_000, 'dependents gone');
    await until(() => !nodeContainers(cluster.node).some((c) => c.name.includes('_web-')), 60_000, 'containers gone');
  });
});
