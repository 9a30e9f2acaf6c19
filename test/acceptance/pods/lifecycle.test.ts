import { expect, it } from 'vitest';
import { IMAGE_V1 } from '../../support/docker.js';
import { describeWithPods } from '../../support/pod-cluster.js';
import { until } from '../../support/until.js';

describeWithPods('container lifecycle', (suite) => {

  it('mounts a ConfigMap and a Secret as files and env', async () => {
    await suite.kubectl.ok(['create', 'configmap', 'settings', '--from-literal=color=blue']);
    await suite.kubectl.ok(['create', 'secret', 'generic', 'creds', '--from-literal=password=s3cret']);
    await suite.apply('mounts', `apiVersion: v1
kind: Pod
metadata: {name: mounts}
spec:
  terminationGracePeriodSeconds: 2
  containers:
  - name: app
    image: ${IMAGE_V1}
    imagePullPolicy: Never
    command: [sleep, "3600"]
    env:
    - {name: COLOR, valueFrom: {configMapKeyRef: {name: settings, key: color}}}
    - {name: PASSWORD, valueFrom: {secretKeyRef: {name: creds, key: password}}}
    volumeMounts:
    - {name: cfg, mountPath: /etc/cfg}
    - {name: sec, mountPath: /etc/sec}
  volumes:
  - {name: cfg, configMap: {name: settings}}
  - {name: sec, secret: {secretName: creds}}
`);
    await suite.kubectl.ok(['wait', '--for=condition=Ready', 'pod/mounts', '--timeout=60s']);
    expect(await suite.kubectl.ok(['exec', 'mounts', '--', 'cat', '/etc/cfg/color'])).toBe('blue');
    expect(await suite.kubectl.ok(['exec', 'mounts', '--', 'cat', '/etc/sec/password'])).toBe('s3cret');
    expect((await suite.kubectl.ok(['exec', 'mounts', '--', 'sh', '-c', 'echo $COLOR/$PASSWORD'])).trim()).toBe('blue/s3cret');
    expect(await suite.kubectl.ok(['exec', 'mounts', '--', 'cat', '/var/run/secrets/kubernetes.io/serviceaccount/namespace'])).toBe('default');
    await suite.kubectl.ok(['patch', 'secret', 'creds', '--type=merge', '-p', `{"data":{"password":"${Buffer.from('rotated').toString('base64')}"}}`]);
    await until(async () => (await suite.kubectl.ok(['exec', 'mounts', '--', 'cat', '/etc/sec/password'])) === 'rotated', 90_000, 'secret update in the volume');
  });

  it('puts a crashing container into CrashLoopBackOff with growing back-off', async () => {
    await suite.kubectl.ok(['run', 'crasher', `--image=${IMAGE_V1}`, '--image-pull-policy=Never', '--', 'sh', '-c', 'echo dying; exit 1']);
    const restarts: Array<{ count: number; at: number }> = [];
    await until(
      async () => {
        const s = (await suite.kubectl.json(['get', 'pod', 'crasher'])).status.containerStatuses?.[0];
        if (s && (restarts.length === 0 || restarts.at(-1)!.count !== s.restartCount)) restarts.push({ count: s.restartCount, at: Date.now() });
        return s?.restartCount >= 3 && s.state?.waiting?.reason === 'CrashLoopBackOff';
      },
      120_000,
      'CrashLoopBackOff after 3 restarts',
    );
    const gaps = restarts.slice(1).map((r, i) => r.at - restarts[i].at);
    // Back-off doubles: the gap before the third restart is clearly longer than before the second.
    expect(gaps.at(-1)!).toBeGreaterThan(gaps.at(-2)! * 1.4);
    expect(await suite.kubectl.ok(['get', 'pod', 'crasher'])).toMatch(/CrashLoopBackOff/);
    expect(await suite.kubectl.ok(['logs', 'crasher', '--previous'])).toMatch(/dying/);
  });

  it('restarts a container whose liveness probe fails', async () => {
    await suite.apply('liveness', `apiVersion: v1
kind: Pod
metadata: {name: liveness}
spec:
  terminationGracePeriodSeconds: 2
  containers:
  - name: app
    image: ${IMAGE_V1}
    imagePullPolicy: Never
    command: [sh, -c, "touch /tmp/healthy; sleep 5; rm /tmp/healthy; sleep 3600"]
    livenessProbe: {exec: {command: [cat, /tmp/healthy]}, periodSeconds: 1, failureThreshold: 2}
`);
    await until(async () => (await suite.kubectl.json(['get', 'pod', 'liveness'])).status.containerStatuses?.[0]?.restartCount >= 1, 60_000, 'liveness restart');
    expect(await suite.kubectl.ok(['describe', 'pod', 'liveness'])).toMatch(/Liveness probe failed/);
  });

  it('gates a Deployment on readiness', async () => {
    await suite.apply('gated', `apiVersion: apps/v1
kind: Deployment
metadata: {name: gated}
spec:
  replicas: 1
  selector: {matchLabels: {app: gated}}
  template:
    metadata: {labels: {app: gated}}
    spec:
      terminationGracePeriodSeconds: 2
      containers:
      - name: app
        image: ${IMAGE_V1}
        imagePullPolicy: Never
        command: [sleep, "3600"]
        readinessProbe: {exec: {command: [cat, /tmp/ready]}, periodSeconds: 1}
`);
    await until(async () => (await suite.kubectl.json(['get', 'pods', '-l', 'app=gated'])).items[0]?.status?.phase === 'Running', 60_000, 'running');
    await new Promise((r) => setTimeout(r, 3000));
    let d = await suite.kubectl.json(['get', 'deploy', 'gated']);
    expect(d.status.availableReplicas ?? 0).toBe(0);
    expect(d.status.conditions.find((c: { type: string }) => c.type === 'Available').status).toBe('False');
    const pod = (await suite.kubectl.json(['get', 'pods', '-l', 'app=gated'])).items[0].metadata.name;
    await suite.kubectl.ok(['exec', pod, '--', 'touch', '/tmp/ready']);
    await suite.kubectl.ok(['wait', '--for=condition=Available', 'deployment/gated', '--timeout=60s']);
    d = await suite.kubectl.json(['get', 'deploy', 'gated']);
    expect(d.status.availableReplicas).toBe(1);
  });
});
