import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerAvailable, IMAGE_V1 } from '../../support/docker.js';
import { startPodCluster } from '../../support/pod-cluster.js';
import type { SkiffProcess } from '../../support/skiff.js';

let cluster: Awaited<ReturnType<typeof startPodCluster>>;
let skiff: SkiffProcess;
let chart: string;

const [repo, tag] = IMAGE_V1.split(':');

/** A small chart of our own: a CRD, a Deployment serving HTTP, a Service, a ConfigMap and a test hook. */
function writeChart(dir: string): void {
  mkdirSync(path.join(dir, 'templates'), { recursive: true });
  mkdirSync(path.join(dir, 'crds'), { recursive: true });
  writeFileSync(path.join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: shop\nversion: 0.1.0\nappVersion: "1"\nkubeVersion: ">=1.30.0-0"\n');
  writeFileSync(path.join(dir, 'values.yaml'), `replicas: 1\nimage: {repository: ${repo}, tag: "${tag}"}\ngreeting: hello\n`);
  writeFileSync(
    path.join(dir, 'crds', 'widgets.yaml'),
    `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.shop.example.com}
spec:
  group: shop.example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget}
  versions:
  - name: v1
    served: true
    storage: true
    schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object, properties: {size: {type: integer}}}}}}
`,
  );
  writeFileSync(
    path.join(dir, 'templates', 'all.yaml'),
    `apiVersion: v1
kind: ConfigMap
metadata: {name: {{ .Release.Name }}-config}
data: {greeting: {{ .Values.greeting | quote }}}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-web
  labels: {app.kubernetes.io/instance: {{ .Release.Name }}}
spec:
  replicas: {{ .Values.replicas }}
  selector: {matchLabels: {app.kubernetes.io/instance: {{ .Release.Name }}}}
  template:
    metadata: {labels: {app.kubernetes.io/instance: {{ .Release.Name }}}}
    spec:
      terminationGracePeriodSeconds: 2
      containers:
      - name: web
        image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
        imagePullPolicy: Never
        command: [httpd, -f, -p, "8080", -h, /www]
        ports: [{name: http, containerPort: 8080}]
        readinessProbe: {tcpSocket: {port: 8080}, periodSeconds: 1}
---
apiVersion: v1
kind: Service
metadata: {name: {{ .Release.Name }}-web}
spec:
  selector: {app.kubernetes.io/instance: {{ .Release.Name }}}
  ports: [{port: 80, targetPort: http}]
---
apiVersion: shop.example.com/v1
kind: Widget
metadata: {name: {{ .Release.Name }}-widget}
spec: {size: 3}
---
apiVersion: v1
kind: Pod
metadata:
  name: {{ .Release.Name }}-test
  annotations: {"helm.sh/hook": test, "helm.sh/hook-delete-policy": before-hook-creation}
spec:
  restartPolicy: Never
  terminationGracePeriodSeconds: 2
  containers:
  - name: check
    image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
    imagePullPolicy: Never
    command: [sh, -c, "test -s /var/run/secrets/kubernetes.io/serviceaccount/token && test -n \\"$KUBERNETES_SERVICE_HOST\\""]
`,
  );
}

async function helm(args: string[]): Promise<string> {
  const r = await skiff.kubectl.helm(args, { timeoutMs: 240_000 });
  if (r.code !== 0) throw new Error(`helm ${args.join(' ')} exited ${r.code}:\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

describe.runIf(dockerAvailable() || process.env.CI === 'true')('helm 4', () => {
  beforeAll(async () => {
    cluster = await startPodCluster();
    skiff = cluster.skiff;
    chart = path.join(skiff.workDir, 'shop');
    writeChart(chart);
    await skiff.kubectl.ok(['wait', '--for=condition=Ready', `node/${cluster.node}`, '--timeout=60s']);
  });
  afterAll(async () => {
    await cluster?.dispose();
  });

  it('installs a chart with a CRD and waits for it to be ready', async () => {
    const out = await helm(['install', 'r1', chart, '--namespace', 'team', '--create-namespace', '--wait', '--timeout', '180s']);
    expect(out).toMatch(/STATUS: deployed/);
    const k = skiff.kubectl;
    expect((await k.json(['get', 'deploy', 'r1-web', '-n', 'team'])).status.readyReplicas).toBe(1);
    expect((await k.json(['get', 'widget', 'r1-widget', '-n', 'team'])).spec.size).toBe(3);
    expect(await helm(['list', '-n', 'team'])).toMatch(/^r1\s+team\s+1\s+.*deployed\s+shop-0\.1\.0\s+1\s*$/m);
  });

  it('upgrades, keeps history and rolls back', async () => {
    await helm(['upgrade', 'r1', chart, '-n', 'team', '--set', 'replicas=2', '--set', 'greeting=hi', '--wait', '--timeout', '180s']);
    const k = skiff.kubectl;
    expect((await k.json(['get', 'deploy', 'r1-web', '-n', 'team'])).status.readyReplicas).toBe(2);
    expect((await k.json(['get', 'cm', 'r1-config', '-n', 'team'])).data.greeting).toBe('hi');
    expect(await helm(['history', 'r1', '-n', 'team'])).toMatch(/^2\s.*deployed\s+shop-0\.1\.0/m);
    await helm(['rollback', 'r1', '1', '-n', 'team', '--wait', '--timeout', '180s']);
    expect((await k.json(['get', 'cm', 'r1-config', '-n', 'team'])).data.greeting).toBe('hello');
    expect((await k.json(['get', 'deploy', 'r1-web', '-n', 'team'])).spec.replicas).toBe(1);
  });

  it('runs the chart test hook', async () => {
    expect(await helm(['test', 'r1', '-n', 'team', '--timeout', '120s'])).toMatch(/Phase:\s+Succeeded/);
  });

  it('uninstalls everything it installed', async () => {
    await helm(['uninstall', 'r1', '-n', 'team', '--wait', '--timeout', '120s']);
    const k = skiff.kubectl;
    expect(await k.ok(['get', 'deploy,svc,cm,widgets', '-n', 'team', '-l', 'app.kubernetes.io/instance=r1', '-o', 'name'])).toBe('');
    expect(await k.ok(['get', 'secrets', '-n', 'team', '-l', 'owner=helm', '-o', 'name'])).toBe('');
  });
});
