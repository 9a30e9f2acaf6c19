import { expect, it } from 'vitest';
import { IMAGE_V1, nodeContainers } from '../../support/docker.js';
import { describeWithPods } from '../../support/pod-cluster.js';
import { until } from '../../support/until.js';

const container = (cmd: string) => `      terminationGracePeriodSeconds: 2
      containers:
      - name: main
        image: ${IMAGE_V1}
        imagePullPolicy: Never
        command: [sh, -c, "${cmd}"]`;

describeWithPods('workload controllers', (suite) => {

  it('scales a ReplicationController up to 3 and down to 1', async () => {
    await suite.apply('rc', `apiVersion: v1
kind: ReplicationController
metadata: {name: redis-slave}
spec:
  replicas: 1
  selector: {app: redis-slave}
  template:
    metadata: {labels: {app: redis-slave}}
    spec:
${container('sleep 3600')}
`);
    await suite.kubectl.ok(['scale', 'rc', 'redis-slave', '--replicas=3']);
    await until(async () => (await suite.kubectl.json(['get', 'rc', 'redis-slave'])).status.readyReplicas === 3, 60_000, '3 ready');
    await suite.kubectl.ok(['scale', 'rc', 'redis-slave', '--replicas=1']);
    await until(async () => (await suite.kubectl.json(['get', 'pods', '-l', 'app=redis-slave'])).items.filter((p: { metadata: { deletionTimestamp?: string } }) => !p.metadata.deletionTimestamp).length === 1, 60_000, '1 pod');
  });

  it('runs a Job to completion and stops a failing one at its backoffLimit', async () => {
    await suite.apply('jobs', `apiVersion: batch/v1
kind: Job
metadata: {name: ok}
spec:
  completions: 2
  template:
    spec:
      restartPolicy: Never
${container('echo done')}
---
apiVersion: batch/v1
kind: Job
metadata: {name: fails}
spec:
  backoffLimit: 1
  template:
    spec:
      restartPolicy: Never
${container('exit 3')}
`);
    await suite.kubectl.ok(['wait', '--for=condition=Complete', 'job/ok', '--timeout=90s']);
    expect((await suite.kubectl.json(['get', 'job', 'ok'])).status.succeeded).toBe(2);
    await suite.kubectl.ok(['wait', '--for=condition=Failed', 'job/fails', '--timeout=120s']);
    const failed = await suite.kubectl.json(['get', 'job', 'fails']);
    expect(failed.status.conditions.find((c: { type: string }) => c.type === 'Failed').reason).toBe('BackoffLimitExceeded');
    expect(failed.status.failed).toBe(2);
  });

  it('fires a CronJob', async () => {
    await suite.apply('cron', `apiVersion: batch/v1
kind: CronJob
metadata: {name: tick}
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
${container('echo tick').replace(/^/gm, '    ')}
`);
    await until(async () => (await suite.kubectl.json(['get', 'jobs'])).items.some((j: { metadata: { name: string } }) => j.metadata.name.startsWith('tick-')), 75_000, 'a job from the cron job');
    await until(async () => !!(await suite.kubectl.json(['get', 'cronjob', 'tick'])).status?.lastScheduleTime, 10_000, 'lastScheduleTime');
  });

  it('brings a StatefulSet up in order with stable names', async () => {
    await suite.apply('sts', `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: 3
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
${container('sleep 3600')}
        readinessProbe: {exec: {command: ["true"]}, periodSeconds: 1}
`);
    await suite.kubectl.ok(['rollout', 'status', 'statefulset/db', '--timeout=120s']);
    const pods = (await suite.kubectl.json(['get', 'pods', '-l', 'app=db'])).items;
    expect(pods.map((p: { metadata: { name: string } }) => p.metadata.name).sort()).toEqual(['db-0', 'db-1', 'db-2']);
    const started = (n: string) => Date.parse(pods.find((p: { metadata: { name: string } }) => p.metadata.name === n).metadata.creationTimestamp);
    expect(started('db-0')).toBeLessThanOrEqual(started('db-1'));
    expect(started('db-1')).toBeLessThanOrEqual(started('db-2'));
    await suite.kubectl.ok(['delete', 'pod', 'db-1', '--wait=true']);
    await until(async () => (await suite.kubectl.json(['get', 'pod', 'db-1'])).status?.phase === 'Running', 60_000, 'db-1 back');
  });

  it('runs one DaemonSet pod on the node', async () => {
    await suite.apply('ds', `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
${container('sleep 3600')}
`);
    await suite.kubectl.ok(['rollout', 'status', 'daemonset/agent', '--timeout=90s']);
    const pods = (await suite.kubectl.json(['get', 'pods', '-l', 'app=agent'])).items;
    expect(pods).toHaveLength(1);
    expect(pods[0].spec.nodeName).toBe(suite.node);
  });

  it('deleting a namespace removes everything in it, containers included', async () => {
    await suite.kubectl.ok(['create', 'namespace', 'scratch']);
    await suite.kubectl.ok(['create', 'deployment', 'tmp', `--image=${IMAGE_V1}`, '-n', 'scratch', '--', 'sleep', '3600']);
    await suite.kubectl.ok(['rollout', 'status', 'deployment/tmp', '-n', 'scratch', '--timeout=90s']);
    await suite.kubectl.ok(['delete', 'namespace', 'scratch', '--timeout=120s']);
    expect(await suite.kubectl.fails(['get', 'namespace', 'scratch'])).toMatch(/NotFound/);
    await until(() => !nodeContainers(suite.node).some((c) => c.labels['io.kubernetes.pod.namespace'] === 'scratch'), 60_000, 'containers gone');
  });
});
