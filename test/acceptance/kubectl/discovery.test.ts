import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSkiff, type SkiffProcess } from '../../support/skiff.js';
import { kubectlVersion } from '../../support/paths.js';

let skiff: SkiffProcess;
beforeAll(async () => {
  skiff = await startSkiff();
});
afterAll(async () => {
  await skiff?.dispose();
});

describe(`discovery and health (kubectl ${kubectlVersion()})`, () => {
  it('answers /readyz and /version without credentials, and nothing else', async () => {
    expect(await skiff.getPublic('/readyz')).toEqual({ status: 200, body: 'ok' });
    const version = JSON.parse((await skiff.getPublic('/version')).body);
    expect(version.gitVersion).toMatch(/^v1\.34\.\d+/);
    expect((await skiff.getPublic('/api')).status).toBe(401);
  });

  it('kubectl version reports a 1.34 server', async () => {
    const out = await skiff.kubectl.ok(['version']);
    expect(out).toMatch(/Server Version: v1\.34\./);
    expect(out).not.toMatch(/WARNING/);
  });

  it('api-resources lists every built-in resource with short names', async () => {
    const out = await skiff.kubectl.ok(['api-resources']);
    for (const row of [
      /^pods\s+po\s+v1\s+true\s+Pod$/m,
      /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m,
      /^customresourcedefinitions\s+crd,crds\s+apiextensions\.k8s\.io\/v1\s+false\s+CustomResourceDefinition$/m,
      /^horizontalpodautoscalers\s+hpa\s+autoscaling\/v2\s+true\s+HorizontalPodAutoscaler$/m,
      /^leases\s+coordination\.k8s\.io\/v1\s+true\s+Lease$/m,
      /^namespaces\s+ns\s+v1\s+false\s+Namespace$/m,
    ])
      expect(out).toMatch(row);
    const names = out.trim().split('\n').slice(1).map((l) => l.split(/\s+/)[0]);
    expect(names.length).toBeGreaterThanOrEqual(60);
  });

  it('api-versions lists the served group versions', async () => {
    const out = (await skiff.kubectl.ok(['api-versions'])).trim().split('\n');
    for (const gv of ['v1', 'apps/v1', 'batch/v1', 'autoscaling/v2', 'networking.k8s.io/v1', 'rbac.authorization.k8s.io/v1', 'apiextensions.k8s.io/v1', 'storage.k8s.io/v1', 'policy/v1', 'coordination.k8s.io/v1', 'discovery.k8s.io/v1'])
      expect(out).toContain(gv);
  });

  it('explain shows real field documentation', async () => {
    const out = await skiff.kubectl.ok(['explain', 'deployment.spec.replicas']);
    expect(out).toMatch(/KIND:\s+Deployment/);
    expect(out).toMatch(/Number of desired pods/);
    const pod = await skiff.kubectl.ok(['explain', 'pods.spec.containers.image']);
    expect(pod).toMatch(/Container image name/);
  });

  it('has the system namespaces and the kubernetes service', async () => {
    const ns = await skiff.kubectl.ok(['get', 'namespaces', '-o', 'name']);
    for (const n of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) expect(ns).toContain(`namespace/${n}`);
    const svc = await skiff.kubectl.json(['get', 'service', 'kubernetes', '-n', 'default']);
    expect(svc.spec.ports[0].port).toBe(443);
  });
});
