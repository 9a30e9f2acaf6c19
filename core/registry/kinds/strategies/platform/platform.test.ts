import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../api/types.js';
import type { ObjectLookup } from '../lookup.js';
import { harness, withoutServerMeta } from '../test-harness.js';

const lines = (err: { status: { details?: { causes?: Array<{ field?: string; message?: string }> } } }) =>
  (err.status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);

const crd = (spec: Record<string, unknown> = {}, name = 'widgets.example.com'): KubeObject => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { plural: 'widgets', kind: 'Widget' },
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } } }],
    ...spec,
  },
});

describe('CustomResourceDefinition', () => {
  it('defaults names and conversion and resets the status', async () => {
    const out = await harness().create({ ...crd(), status: { acceptedNames: { kind: 'X', plural: 'xs' } } });
    expect(out.spec.names).toEqual({ plural: 'widgets', kind: 'Widget', singular: 'widget', listKind: 'WidgetList' });
    expect(out.spec.conversion).toEqual({ strategy: 'None' });
    expect(out.status).toEqual({ acceptedNames: { plural: '', kind: '' }, storedVersions: ['v1'] });
  });

  it('checks the name, group, scope and storage versions', async () => {
    const h = harness();
    const err = await h.failure(
      h.create(
        crd({ group: 'example', scope: 'Global', versions: [{ name: 'v1', served: true, storage: false, schema: { openAPIV3Schema: { type: 'object' } } }] }, 'widgets.example'),
      ),
    );
    expect(lines(err)).toEqual([
      'spec.group: Invalid value: "example": should be a domain with at least one dot',
      'spec.scope: Unsupported value: "Global": supported values: "Cluster", "Namespaced"',
      'spec.versions: Invalid value: [{"name":"v1","served":true,"storage":false,"schema":{"openAPIV3Schema":{"type":"object"}}}]: must have exactly one version marked as storage version',
    ]);
    const misnamed = await h.failure(h.create(crd({}, 'gadgets.example.com')));
    expect(misnamed.status.message).toBe('CustomResourceDefinition.apiextensions.k8s.io "gadgets.example.com" is invalid: metadata.name: Invalid value: "gadgets.example.com": must be spec.names.plural+"."+spec.group');
  });
});

describe('RBAC', () => {
  const binding = (roleRef: Record<string, unknown>): KubeObject => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'b', namespace: 'default' },
    roleRef,
    subjects: [{ kind: 'User', name: 'alice' }, { kind: 'ServiceAccount', name: 'default' }],
  });

  it('defaults API groups and refuses changing roleRef', async () => {
    const h = harness();
    const out = await h.create(binding({ kind: 'Role', name: 'reader' }));
    expect(out.roleRef).toEqual({ kind: 'Role', name: 'reader', apiGroup: 'rbac.authorization.k8s.io' });
    expect(out.subjects).toEqual([{ kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' }, { kind: 'ServiceAccount', name: 'default' }]);
    const err = await h.failure(h.update(binding({ kind: 'ClusterRole', name: 'reader' })));
    expect(err.status.message).toBe(
      'RoleBinding.rbac.authorization.k8s.io "b" is invalid: roleRef: Invalid value: {"kind":"ClusterRole","name":"reader","apiGroup":"rbac.authorization.k8s.io"}: cannot change roleRef',
    );
  });

  it('requires verbs and api groups in rules', async () => {
    const h = harness();
    const err = await h.failure(h.create({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r', namespace: 'default' }, rules: [{ resources: ['pods'] }] }));
    expect(lines(err)).toEqual(['rules[0].verbs: Required value: verbs must contain at least one value', 'rules[0].apiGroups: Required value: resource rules must supply at least one api group']);
  });
});

describe('storage', () => {
  const lookup = (objects: KubeObject[]): ObjectLookup => ({
    get: (_g, kind, ns, name) => objects.find((o) => o.kind === kind && o.metadata.name === name && (o.metadata.namespace ?? undefined) === ns),
    list: (_g, kind) => objects.filter((o) => o.kind === kind),
  });

  it('gives a claim the default class, Filesystem mode and a Pending phase', async () => {
    const standard = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } };
    const h = harness({ lookup: lookup([standard]) });
    const out = await h.create({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data', namespace: 'default' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    });
    expect(withoutServerMeta(out)).toEqual({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data', namespace: 'default' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard', volumeMode: 'Filesystem' },
      status: { phase: 'Pending' },
    });
    const err = await h.failure(h.create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'bad', namespace: 'default' }, spec: {} }));
    expect(lines(err)).toEqual(['spec.accessModes: Required value: at least 1 access mode is required', 'spec.resources[storage]: Required value']);
  });

  it('defaults StorageClasses and keeps their provisioner', async () => {
    const h = harness();
    const sc = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'rancher.io/local-path' };
    const out = await h.create(sc);
    expect(out.reclaimPolicy).toBe('Delete');
    expect(out.volumeBindingMode).toBe('Immediate');
    const err = await h.failure(h.update({ ...sc, provisioner: 'other.io/x' }));
    expect(err.status.message).toBe('StorageClass.storage.k8s.io "fast" is invalid: provisioner: Forbidden: updates to provisioner are forbidden.');
  });
});

describe('networking, policy and autoscaling', () => {
  it('requires an Ingress pathType and defaults NetworkPolicy types', async () => {
    const h = harness();
    const err = await h.failure(
      h.create({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'i', namespace: 'default' },
        spec: { rules: [{ host: 'app.local', http: { paths: [{ path: '/', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
      }),
    );
    expect(err.status.message).toBe('Ingress.networking.k8s.io "i" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified');
    const np = await h.create({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'np', namespace: 'default' },
      spec: { egress: [{ ports: [{ port: 53 }] }] },
    });
    expect(np.spec).toEqual({ podSelector: {}, egress: [{ ports: [{ port: 53, protocol: 'TCP' }] }], policyTypes: ['Ingress', 'Egress'] });
  });

  it('starts a PodDisruptionBudget with zeroed counters and refuses both bounds', async () => {
    const h = harness();
    const pdb = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p', namespace: 'default' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } } };
    expect((await h.create(pdb)).status).toEqual({ disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 });
    const err = await h.failure(h.create({ ...pdb, metadata: { name: 'q', namespace: 'default' }, spec: { ...pdb.spec, maxUnavailable: '10%' } }));
    expect(err.status.message).toContain('minAvailable and maxUnavailable cannot be both set');
  });

  it('defaults an HPA to 80% CPU and checks its bounds', async () => {
    const h = harness();
    const hpa = (spec: Record<string, unknown>) => ({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'h', namespace: 'default' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, ...spec },
    });
    const out = await h.create(hpa({ maxReplicas: 5 }));
    expect(out.spec.minReplicas).toBe(1);
    expect(out.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
    const err = await h.failure(h.create({ ...hpa({ minReplicas: 3, maxReplicas: 2 }), metadata: { name: 'h2', namespace: 'default' } }));
    expect(err.status.message).toBe('HorizontalPodAutoscaler.autoscaling "h2" is invalid: spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`');
  });
});

describe('cluster objects', () => {
  it('fills LimitRange container defaults from max and min', async () => {
    const out = await harness().create({
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'l', namespace: 'default' },
      spec: { limits: [{ type: 'Container', max: { cpu: '2' }, min: { memory: '64Mi' } }] },
    });
    expect(out.spec.limits[0]).toEqual({ type: 'Container', max: { cpu: '2' }, min: { memory: '64Mi' }, default: { cpu: '2' }, defaultRequest: { cpu: '2', memory: '64Mi' } });
  });

  it('keeps user priority classes below the system range', async () => {
    const h = harness();
    const err = await h.failure(h.create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'huge' }, value: 2000000000 }));
    expect(err.status.message).toBe('PriorityClass.scheduling.k8s.io "huge" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000');
    expect((await h.create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 })).preemptionPolicy).toBe('PreemptLowerPriority');
  });

  it('refuses an event whose object lives in another namespace', async () => {
    const h = harness();
    const err = await h.failure(
      h.create({ apiVersion: 'v1', kind: 'Event', metadata: { name: 'e', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'p', namespace: 'other' }, reason: 'X' }),
    );
    expect(err.status.message).toBe('Event "e" is invalid: involvedObject.namespace: Invalid value: "other": does not match event.namespace');
  });

  it('checks node taints', async () => {
    const h = harness();
    const err = await h.failure(h.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, spec: { taints: [{ key: 'a', effect: 'Sometimes' }] } }));
    expect(err.status.message).toBe('Node "n" is invalid: spec.taints[0].effect: Unsupported value: "Sometimes": supported values: "NoExecute", "NoSchedule", "PreferNoSchedule"');
  });
});
