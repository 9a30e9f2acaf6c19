import { describe, expect, it } from 'vitest';
import { harness, withoutServerMeta } from '../test-harness.js';

const container = { name: 'nginx', image: 'nginx:1.27' };
const defaultedContainer = {
  name: 'nginx',
  image: 'nginx:1.27',
  imagePullPolicy: 'IfNotPresent',
  resources: {},
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
};
const templateSpecDefaults = {
  dnsPolicy: 'ClusterFirst',
  restartPolicy: 'Always',
  schedulerName: 'default-scheduler',
  securityContext: {},
  terminationGracePeriodSeconds: 30,
};

function deployment(extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [container] } }, ...extra },
  };
}

describe('apps/v1 defaults', () => {
  it('stores a minimal Deployment the way a 1.34 server does', async () => {
    const h = harness();
    const out = await h.create(deployment());
    expect(withoutServerMeta(out)).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default', generation: 1 },
      spec: {
        progressDeadlineSeconds: 600,
        replicas: 1,
        revisionHistoryLimit: 10,
        selector: { matchLabels: { app: 'web' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [defaultedContainer], ...templateSpecDefaults } },
      },
      status: {},
    });
  });

  it('leaves rollingUpdate out of a Recreate strategy', async () => {
    const out = await harness().create(deployment({ strategy: { type: 'Recreate' } }));
    expect(out.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('stores a minimal StatefulSet with the update strategy rollout status needs', async () => {
    const out = await harness().create({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'default' },
      spec: {
        selector: { matchLabels: { app: 'db' } },
        template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ ...container, volumeMounts: [{ name: 'data', mountPath: '/data' }] }] } },
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1024Mi' } } } }],
      },
    });
    expect(withoutServerMeta(out).spec).toEqual({
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      podManagementPolicy: 'OrderedReady',
      replicas: 1,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: 'db' } },
      serviceName: '',
      template: {
        metadata: { labels: { app: 'db' } },
        spec: { containers: [{ ...defaultedContainer, volumeMounts: [{ name: 'data', mountPath: '/data' }] }], ...templateSpecDefaults },
      },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      volumeClaimTemplates: [
        {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: { name: 'data' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
          status: { phase: 'Pending' },
        },
      ],
    });
    expect(out.status).toEqual({ replicas: 0, availableReplicas: 0 });
  });

  it('stores a minimal DaemonSet with maxUnavailable 1 and maxSurge 0', async () => {
    const out = await harness().create({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [container] } } },
    });
    expect(out.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(out.spec.revisionHistoryLimit).toBe(10);
    expect(out.status).toEqual({ currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 });
  });

  it('defaults a ReplicationController selector and labels from its template', async () => {
    const out = await harness().create({
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'rc', namespace: 'default' },
      spec: { template: { metadata: { labels: { app: 'rc' } }, spec: { containers: [container] } } },
    });
    expect(out.spec.selector).toEqual({ app: 'rc' });
    expect(out.metadata.labels).toEqual({ app: 'rc' });
    expect(out.spec.replicas).toBe(1);
    expect(out.status).toEqual({ replicas: 0 });
  });
});

describe('apps/v1 validation', () => {
  it('refuses a bad container name with upstream path and message', async () => {
    const h = harness();
    const bad = deployment();
    bad.spec.template.spec.containers = [{ name: 'Bad_Name', image: 'nginx' }];
    const err = await h.failure(h.create(bad));
    expect(err.code).toBe(422);
    expect(err.status.message).toBe(
      'Deployment.apps "web" is invalid: spec.template.spec.containers[0].name: Invalid value: "Bad_Name": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\')',
    );
    expect(err.status.details?.causes?.[0]).toMatchObject({ reason: 'FieldValueInvalid', field: 'spec.template.spec.containers[0].name' });
  });

  it('refuses a selector that does not match the template labels', async () => {
    const h = harness();
    const bad = deployment();
    bad.spec.template.metadata.labels = { app: 'x' };
    const err = await h.failure(h.create(bad));
    expect(err.status.message).toBe('Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: {"app":"x"}: `selector` does not match template `labels`');
  });

  it('requires a selector and refuses an empty one', async () => {
    const h = harness();
    const missing = deployment();
    delete (missing.spec as Record<string, unknown>).selector;
    expect((await h.failure(h.create(missing))).status.message).toContain('spec.selector: Required value');
    const empty = deployment({ selector: {} });
    expect((await h.failure(h.create(empty))).status.message).toContain('spec.selector: Invalid value: {}: empty selector is invalid for deployment');
  });

  it('refuses negative replicas, a template that does not restart, and a stuck rolling update', async () => {
    const h = harness();
    const bad = deployment({ replicas: -1, strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } } });
    (bad.spec.template.spec as Record<string, unknown>).restartPolicy = 'Never';
    const causes = (await h.failure(h.create(bad))).status.details?.causes ?? [];
    expect(causes.map((c) => `${c.field}: ${c.message}`)).toEqual(
      expect.arrayContaining([
        'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
        'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
        'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
      ]),
    );
  });

  it('refuses changing the selector of an existing Deployment', async () => {
    const h = harness();
    const cur = await h.create(deployment());
    cur.spec.selector = { matchLabels: { app: 'web', tier: 'x' } };
    cur.spec.template.metadata.labels = { app: 'web', tier: 'x' };
    const err = await h.failure(h.update(cur));
    expect(err.status.message).toBe('Deployment.apps "web" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"web","tier":"x"}}: field is immutable');
  });

  it('keeps the generation when an update only omits defaulted fields', async () => {
    const h = harness();
    await h.create(deployment());
    const again = await h.update(deployment());
    expect(again.metadata.generation).toBe(1);
    const scaled = await h.update(deployment({ replicas: 3 }));
    expect(scaled.metadata.generation).toBe(2);
  });

  it('forbids StatefulSet spec changes outside the mutable fields', async () => {
    const h = harness();
    const sts = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'default' },
      spec: { serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [container] } } },
    };
    await h.create(sts);
    const err = await h.failure(h.update({ ...sts, spec: { ...sts.spec, serviceName: 'other' } }));
    expect(err.status.message).toContain(
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    );
  });

  it('warns when a controller name cannot be a hostname', async () => {
    const warnings: string[] = [];
    const h = harness();
    const d = deployment();
    d.metadata.name = 'web.v1';
    await h.create(d, { warnings });
    expect(warnings[0]).toMatch(/^metadata\.name: this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: \[a lowercase RFC 1123 label/);
  });
});
