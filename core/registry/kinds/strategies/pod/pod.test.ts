import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../api/types.js';
import { harness, withoutServerMeta } from '../test-harness.js';
import { defaultPullPolicy } from './image.js';
import { qosClassOf } from './qos.js';

const pod = (spec: Record<string, unknown> = {}, name = 'tmp'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'busybox' }], ...spec },
});

const TOKEN_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

describe('Pod defaults', () => {
  it('stores a minimal pod as a 1.34 server with its admission plugins does', async () => {
    const out = await harness().create(pod());
    const volume = out.spec.volumes[0].name;
    expect(volume).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(withoutServerMeta(out)).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'tmp', namespace: 'default', generation: 1 },
      spec: {
        containers: [
          {
            name: 'c',
            image: 'busybox',
            imagePullPolicy: 'Always',
            resources: {},
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
            volumeMounts: [{ name: volume, readOnly: true, mountPath: TOKEN_PATH }],
          },
        ],
        dnsPolicy: 'ClusterFirst',
        enableServiceLinks: true,
        preemptionPolicy: 'PreemptLowerPriority',
        priority: 0,
        restartPolicy: 'Always',
        schedulerName: 'default-scheduler',
        securityContext: {},
        serviceAccount: 'default',
        serviceAccountName: 'default',
        terminationGracePeriodSeconds: 30,
        tolerations: [
          { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
          { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        ],
        volumes: [
          {
            name: volume,
            projected: {
              defaultMode: 420,
              sources: [
                { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
                { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
                { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
              ],
            },
          },
        ],
      },
      status: { phase: 'Pending', qosClass: 'BestEffort' },
    });
  });

  it('defaults ports, probes, volumes and requests from limits', async () => {
    const out = await harness().create(
      pod({
        automountServiceAccountToken: false,
        containers: [
          {
            name: 'web',
            image: 'nginx:1.27',
            ports: [{ containerPort: 80 }],
            livenessProbe: { httpGet: { port: 80 } },
            readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5 },
            resources: { limits: { cpu: '0.5', memory: '1024Mi' } },
            volumeMounts: [{ name: 'cfg', mountPath: '/etc/cfg' }],
          },
        ],
        volumes: [{ name: 'cfg', configMap: { name: 'cfg' } }, { name: 'scratch' }],
      }),
    );
    const c = out.spec.containers[0];
    expect(c.imagePullPolicy).toBe('IfNotPresent');
    expect(c.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(c.livenessProbe).toEqual({ httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(c.readinessProbe.periodSeconds).toBe(5);
    expect(c.resources).toEqual({ limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } });
    expect(out.spec.volumes).toEqual([{ name: 'cfg', configMap: { name: 'cfg', defaultMode: 420 } }, { name: 'scratch', emptyDir: {} }]);
    expect(c.volumeMounts).toEqual([{ name: 'cfg', mountPath: '/etc/cfg' }]);
    expect(out.status).toEqual({ phase: 'Pending', qosClass: 'Guaranteed' });
  });

  it('answers a malformed quantity with the decoder 400', async () => {
    const h = harness();
    const err = await h.failure(h.create(pod({ containers: [{ name: 'c', image: 'x', resources: { limits: { cpu: 'lots' } } }] })));
    expect(err.code).toBe(400);
    expect(err.status.message).toBe(`Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
  });
});

describe('Pod validation', () => {
  it('reports container, port, env, mount and volume problems at upstream paths', async () => {
    const h = harness();
    const err = await h.failure(
      h.create(
        pod({
          restartPolicy: 'Sometimes',
          containers: [
            { name: 'a', image: 'x', ports: [{ containerPort: 70000 }], env: [{ name: 'A=B' }], volumeMounts: [{ name: 'missing', mountPath: '/m' }] },
            { name: 'a', image: '' },
          ],
          volumes: [{ name: 'v', emptyDir: {}, hostPath: { path: '/tmp' } }],
        }),
      ),
    );
    const lines = (err.status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type',
        'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
        `spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`,
        'spec.containers[0].volumeMounts[0].name: Not found: "missing"',
        'spec.containers[1].image: Required value',
        'spec.containers[1].name: Duplicate value: "a"',
        'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      ]),
    );
  });

  it('refuses requests above limits', async () => {
    const h = harness();
    const err = await h.failure(h.create(pod({ containers: [{ name: 'c', image: 'x', resources: { limits: { cpu: '1' }, requests: { cpu: '2' } } }] })));
    expect(err.status.message).toBe('Pod "tmp" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1');
  });

  it('lets only images and the listed fields change on update', async () => {
    const h = harness();
    const cur = await h.create(pod());
    cur.spec.containers[0].image = 'busybox:1.36';
    cur.spec.activeDeadlineSeconds = 60;
    const updated = await h.update(cur);
    expect(updated.spec.containers[0].image).toBe('busybox:1.36');
    updated.spec.containers[0].ports = [{ containerPort: 8080 }];
    const err = await h.failure(h.update(updated));
    expect(err.status.message).toMatch(
      /^Pod "tmp" is invalid: spec: Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`,`spec\.initContainers\[\*\]\.image`,`spec\.activeDeadlineSeconds`,`spec\.tolerations` \(only additions to existing tolerations\),`spec\.terminationGracePeriodSeconds` \(allow it to be set to 1 if it was previously negative\)\n/,
    );
    expect(err.status.message).toMatch(/\n@@ -\d+,\d+ \+\d+,\d+ @@\n/);
    expect(err.status.message).toMatch(/\n\+ +"containerPort": 8080,\n/);
  });

  it('lets the status subresource write phase without touching the spec rules', async () => {
    const h = harness();
    const cur = await h.create(pod());
    const next = await h.update({ ...cur, status: { ...cur.status, phase: 'Running' } }, { subresource: 'status' });
    expect(next.status.phase).toBe('Running');
    expect(next.status.qosClass).toBe('BestEffort');
  });
});

describe('Pod deletion', () => {
  it('deletes an unscheduled pod at once and gives a bound one its grace period', async () => {
    const h = harness();
    await h.create(pod());
    await h.delete('v1', 'Pod', 'default', 'tmp');
    expect(() => h.get('v1', 'Pod', 'default', 'tmp')).toThrow(/not found/);
    await h.create(pod({ nodeName: 'node-1', terminationGracePeriodSeconds: 45 }, 'bound'));
    await h.delete('v1', 'Pod', 'default', 'bound');
    const terminating = h.get('v1', 'Pod', 'default', 'bound');
    expect(terminating.metadata.deletionGracePeriodSeconds).toBe(45);
    expect(terminating.metadata.deletionTimestamp).toBe('2026-01-02T03:04:50Z');
  });
});

describe('image pull policy and QoS', () => {
  it('pulls latest or untagged images always', () => {
    expect(defaultPullPolicy('nginx')).toBe('Always');
    expect(defaultPullPolicy('nginx:latest')).toBe('Always');
    expect(defaultPullPolicy('localhost:5000/app')).toBe('Always');
    expect(defaultPullPolicy('localhost:5000/app:v1')).toBe('IfNotPresent');
    expect(defaultPullPolicy('nginx@sha256:' + 'a'.repeat(64))).toBe('IfNotPresent');
  });

  it('classifies pods as upstream does', () => {
    expect(qosClassOf({ containers: [{}] })).toBe('BestEffort');
    expect(qosClassOf({ containers: [{ resources: { requests: { cpu: '100m' } } }] })).toBe('Burstable');
    expect(qosClassOf({ containers: [{ resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1000m', memory: '1024Mi' } } }] })).toBe('Guaranteed');
    expect(qosClassOf({ containers: [{ resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } } }, {}] })).toBe('Burstable');
  });
});
