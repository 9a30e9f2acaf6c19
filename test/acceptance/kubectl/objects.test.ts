import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSkiff, type SkiffProcess } from '../../support/skiff.js';

let skiff: SkiffProcess;
let k: SkiffProcess['kubectl'];
const manifest = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
  labels: {app: web}
data:
  color: blue
  enabled: "yes"
---
apiVersion: v1
kind: Secret
metadata:
  name: creds
  namespace: shop
stringData:
  password: s3cret
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector: {app: web}
  ports:
  - port: 80
    targetPort: 8080
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels: {app: web}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: skiff-test/web:1
        ports:
        - containerPort: 8080
`;

beforeAll(async () => {
  skiff = await startSkiff();
  k = skiff.kubectl;
  writeFileSync(path.join(skiff.workDir, 'shop.yaml'), manifest);
});
afterAll(async () => {
  await skiff?.dispose();
});

describe('objects from a multi-document manifest', () => {
  it('creates every document', async () => {
    const out = await k.ok(['create', '-f', path.join(skiff.workDir, 'shop.yaml')]);
    expect(out.trim().split('\n')).toEqual(['namespace/shop created', 'configmap/settings created', 'secret/creds created', 'service/web created', 'deployment.apps/web created']);
  });

  it('gets them as tables, YAML, JSON, jsonpath, wide and custom columns', async () => {
    const table = await k.ok(['get', 'configmaps', '-n', 'shop']);
    expect(table).toMatch(/^NAME\s+DATA\s+AGE$/m);
    expect(table).toMatch(/^settings\s+2\s+\d+s$/m);
    const yaml = await k.ok(['get', 'cm', 'settings', '-n', 'shop', '-o', 'yaml']);
    expect(yaml).toMatch(/enabled: "yes"/);
    const secret = await k.json(['get', 'secret', 'creds', '-n', 'shop']);
    expect(Buffer.from(secret.data.password, 'base64').toString()).toBe('s3cret');
    expect(secret.type).toBe('Opaque');
    expect(secret.stringData).toBeUndefined();
    expect(await k.ok(['get', 'deploy', 'web', '-n', 'shop', '-o', 'jsonpath={.spec.strategy.type}/{.spec.replicas}'])).toBe('RollingUpdate/2');
    const wide = await k.ok(['get', 'deploy', '-n', 'shop', '-o', 'wide']);
    expect(wide).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR$/m);
    // No kubelet here: the pods exist but never become ready.
    expect(wide).toMatch(/^web\s+0\/2\s+\d+\s+0\s+\S+\s+web\s+skiff-test\/web:1\s+app=web$/m);
    const svc = await k.ok(['get', 'svc', 'web', '-n', 'shop', '-o', 'custom-columns=NAME:.metadata.name,IP:.spec.clusterIP,PORT:.spec.ports[0].port']);
    expect(svc).toMatch(/^web\s+10\.\d+\.\d+\.\d+\s+80$/m);
  });

  it('describes a deployment', async () => {
    const out = await k.ok(['describe', 'deployment', 'web', '-n', 'shop']);
    expect(out).toMatch(/^Name:\s+web$/m);
    expect(out).toMatch(/^Replicas:\s+2 desired/m);
    expect(out).toMatch(/StrategyType:\s+RollingUpdate/);
    expect(out).toMatch(/Image:\s+skiff-test\/web:1/);
  });

  it('selects by label and field', async () => {
    expect(await k.ok(['get', 'cm', '-n', 'shop', '-l', 'app=web', '-o', 'name'])).toBe('configmap/settings\n');
    expect(await k.ok(['get', 'cm', '-n', 'shop', '-l', 'app!=web', '-o', 'name'])).toBe('configmap/kube-root-ca.crt\n');
    expect(await k.ok(['get', 'cm', '-n', 'shop', '--field-selector', 'metadata.name=settings', '-o', 'name'])).toBe('configmap/settings\n');
    expect(await k.fails(['get', 'cm', '-n', 'shop', '--field-selector', 'spec.bogus=x'])).toMatch(/"spec.bogus" is not a known field selector/);
  });

  it('pages through lists with --chunk-size', async () => {
    for (let i = 0; i < 5; i++) await k.ok(['create', 'configmap', `page-${i}`, '-n', 'shop', '--from-literal', `i=${i}`]);
    const out = await k.ok(['get', 'cm', '-n', 'shop', '--chunk-size=2', '-o', 'name', '-v=6'], {});
    expect(out.split('\n').filter((l) => l.startsWith('configmap/page-'))).toHaveLength(5);
  });

  it('prints the errors users know', async () => {
    expect(await k.fails(['get', 'deploy', 'nope', '-n', 'shop'])).toMatch(/Error from server \(NotFound\): deployments.apps "nope" not found/);
    const cmFile = (name: string, ns: string) => {
      const f = path.join(skiff.workDir, `${name}-${ns}.yaml`);
      writeFileSync(f, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n`);
      return f;
    };
    expect(await k.fails(['create', '-f', cmFile('settings', 'shop')])).toMatch(/Error from server \(AlreadyExists\): error when creating ".*": configmaps "settings" already exists/);
    expect(await k.fails(['create', 'configmap', 'settings', '-n', 'shop'])).toMatch(/configmaps "settings" already exists/);
    expect(await k.fails(['create', '-f', cmFile('Bad_Name', 'shop')])).toMatch(/The ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/);
    expect(await k.fails(['create', '-f', cmFile('x', 'missing')])).toMatch(/Error from server \(NotFound\): error when creating ".*": namespaces "missing" not found/);
    const cm = await k.json(['get', 'cm', 'settings', '-n', 'shop']);
    cm.data.color = 'red';
    cm.metadata.resourceVersion = String(Number(cm.metadata.resourceVersion) - 1);
    const stale = path.join(skiff.workDir, 'stale.json');
    writeFileSync(stale, JSON.stringify(cm));
    expect(await k.fails(['replace', '-f', stale])).toMatch(/Error from server \(Conflict\).*the object has been modified; please apply your changes to the latest version and try again/);
  });

  it('deletes what it created', async () => {
    const out = await k.ok(['delete', '-f', path.join(skiff.workDir, 'shop.yaml'), '--wait=true', '--ignore-not-found']);
    expect(out).toMatch(/namespace "shop" deleted/);
    expect(await k.fails(['get', 'ns', 'shop'])).toMatch(/NotFound/);
    expect(await k.fails(['get', 'cm', 'page-0', '-n', 'shop'])).toMatch(/NotFound/);
  });
});
