import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSkiff, type SkiffProcess } from '../../support/skiff.js';

let skiff: SkiffProcess;
let k: SkiffProcess['kubectl'];

beforeAll(async () => {
  skiff = await startSkiff();
  k = skiff.kubectl;
});
afterAll(async () => {
  await skiff?.dispose();
});

const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: crontabs.stable.example.com
spec:
  group: stable.example.com
  scope: Namespaced
  names: {plural: crontabs, singular: crontab, kind: CronTab, shortNames: [ct]}
  versions:
  - name: v1
    served: true
    storage: true
    subresources:
      status: {}
      scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas}
    additionalPrinterColumns:
    - {name: Spec, type: string, jsonPath: .spec.cronSpec}
    - {name: Replicas, type: integer, jsonPath: .spec.replicas}
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              cronSpec: {type: string, pattern: '^(\\S+ ){4}\\S+$'}
              image: {type: string}
              replicas: {type: integer, minimum: 0}
          status:
            type: object
            properties:
              replicas: {type: integer}
`;

describe('custom resources', () => {
  it('serves a CRD kind with discovery, printer columns, validation, pruning and scale', async () => {
    const f = path.join(skiff.workDir, 'crd.yaml');
    writeFileSync(f, crd);
    await k.ok(['apply', '-f', f]);
    await k.ok(['wait', '--for=condition=Established', 'crd/crontabs.stable.example.com', '--timeout=20s']);
    expect(await k.ok(['api-resources', '--api-group=stable.example.com'])).toMatch(/^crontabs\s+ct\s+stable\.example\.com\/v1\s+true\s+CronTab$/m);
    const cr = path.join(skiff.workDir, 'cr.yaml');
    writeFileSync(cr, 'apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata:\n  name: nightly\nspec:\n  cronSpec: "* * * * */5"\n  image: my-cron\n  replicas: 1\n');
    expect(await k.ok(['apply', '-f', cr])).toMatch(/crontab.stable.example.com\/nightly created/);
    // Listing printer columns replaces the default Age column, as upstream does.
    expect(await k.ok(['get', 'ct'])).toMatch(/^NAME\s+SPEC\s+REPLICAS$[\s\S]*^nightly\s+\* \* \* \* \*\/5\s+1$/m);
    expect(await k.ok(['scale', 'crontab', 'nightly', '--replicas=3'])).toMatch(/scaled/);
    expect(await k.ok(['get', 'ct', 'nightly', '-o', 'jsonpath={.spec.replicas}'])).toBe('3');
    const bad = path.join(skiff.workDir, 'bad-cr.yaml');
    writeFileSync(bad, 'apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata:\n  name: bad\nspec:\n  cronSpec: "nope"\n  replicas: -1\n');
    const err = await k.fails(['apply', '-f', bad]);
    expect(err).toMatch(/The CronTab "bad" is invalid/);
    expect(err).toMatch(/spec.replicas/);
    writeFileSync(bad, 'apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata:\n  name: pruned\nspec:\n  cronSpec: "* * * * *"\n  extra: dropped\n');
    await k.ok(['apply', '--validate=false', '-f', bad]);
    expect((await k.json(['get', 'ct', 'pruned'])).spec.extra).toBeUndefined();
    await k.ok(['delete', 'crd', 'crontabs.stable.example.com']);
    await k.fails(['get', 'crontabs.stable.example.com']);
  });
});

describe('protobuf writes from typed clients', () => {
  it('kubectl create <kind> sends protobuf and gets what it asked for', async () => {
    expect(await k.ok(['create', 'deployment', 'pb', '--image=busybox', '--replicas=0'])).toMatch(/deployment.apps\/pb created/);
    const d = await k.json(['get', 'deploy', 'pb']);
    expect(d.spec.replicas).toBe(0);
    expect(d.spec.template.spec.containers[0].image).toBe('busybox');
    await k.ok(['create', 'secret', 'generic', 'pb-secret', '--from-literal=k=v']);
    expect(Buffer.from((await k.json(['get', 'secret', 'pb-secret'])).data.k, 'base64').toString()).toBe('v');
    await k.ok(['create', 'namespace', 'pb-ns']);
    await k.ok(['create', 'job', 'pb-job', '--image=busybox', '--', 'echo', 'hi']);
    await k.ok(['create', 'cronjob', 'pb-cj', '--image=busybox', '--schedule=*/5 * * * *']);
    await k.ok(['create', 'serviceaccount', 'pb-sa']);
    await k.ok(['create', 'role', 'pb-role', '--verb=get', '--resource=pods']);
    await k.ok(['create', 'rolebinding', 'pb-rb', '--role=pb-role', '--serviceaccount=default:pb-sa']);
    await k.ok(['create', 'service', 'clusterip', 'pb-svc', '--tcp=80:8080']);
    await k.ok(['create', 'ingress', 'pb-ing', '--rule=example.com/=pb-svc:80']);
    expect((await k.json(['get', 'ingress', 'pb-ing'])).spec.rules[0].http.paths[0].backend.service.name).toBe('pb-svc');
    await k.ok(['create', 'pdb', 'pb-pdb', '--selector=app=x', '--min-available=1']);
    await k.ok(['create', 'priorityclass', 'pb-pc', '--value=1000']);
  });

  it('answers auth can-i, auth whoami and create token', async () => {
    expect((await k.ok(['auth', 'can-i', 'create', 'pods'])).trim()).toBe('yes');
    expect(await k.ok(['auth', 'whoami'])).toMatch(/skiff-admin/);
    await k.ok(['create', 'serviceaccount', 'tok']);
    const token = (await k.ok(['create', 'token', 'tok'])).trim();
    expect(token.split('.')).toHaveLength(3);
  });
});
