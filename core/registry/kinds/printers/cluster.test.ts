import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.js';
import { printerBehaviors } from './index.js';

const NOW = Date.parse('2025-09-01T12:00:00Z');
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString().replace('.000Z', 'Z');
const row = (key: string, obj: KubeObject) => printerBehaviors[key].table!.row(obj, NOW);
const meta = (name: string, extra: object = {}) => ({ name, creationTimestamp: ago(5 * 3600), ...extra });

describe('cluster tables', () => {
  it('prints role bindings with their subjects', () => {
    const rb = {
      metadata: meta('admins'),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' },
      subjects: [
        { kind: 'User', name: 'jane' },
        { kind: 'Group', name: 'ops' },
        { kind: 'ServiceAccount', namespace: 'ci', name: 'deployer' },
        { kind: 'User', name: 'joe' },
      ],
    };
    expect(row('rbac.authorization.k8s.io/RoleBinding', rb)).toEqual(['admins', 'ClusterRole/admin', '5h', 'jane, joe', 'ops', 'ci/deployer']);
    expect(row('rbac.authorization.k8s.io/ClusterRoleBinding', { ...rb, subjects: undefined }).slice(3)).toEqual(['', '', '']);
    expect(row('rbac.authorization.k8s.io/ClusterRole', { metadata: { name: 'view', creationTimestamp: '2025-08-30T08:00:00Z' } })).toEqual(['view', '2025-08-30T08:00:00Z']);
  });

  it('prints horizontal pod autoscalers', () => {
    const hpa = {
      metadata: meta('web'),
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        minReplicas: 1,
        maxReplicas: 10,
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
          { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '512Mi' } } },
          { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '1k' } } },
        ],
      },
      status: { currentReplicas: 2, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 12, averageValue: '60m' } } }] },
    };
    expect(row('autoscaling/HorizontalPodAutoscaler', hpa)).toEqual(['web', 'Deployment/web', 'cpu: 12%/80%, memory: <unknown>/512Mi + 1 more...', '1', 10, 2, '5h']);
    const bare = { metadata: meta('idle'), spec: { scaleTargetRef: { kind: 'StatefulSet', name: 'db' }, maxReplicas: 3 } };
    expect(row('autoscaling/HorizontalPodAutoscaler', bare)).toEqual(['idle', 'StatefulSet/db', '<none>', '<unset>', 3, 0, '5h']);
    const external = { ...bare, spec: { ...bare.spec, metrics: [{ type: 'External', external: { metric: { name: 'queue' }, target: { type: 'AverageValue', averageValue: '30' } } }] } };
    expect(row('autoscaling/HorizontalPodAutoscaler', external)[2]).toBe('<unknown>/30 (avg)');
  });

  it('prints disruption budgets', () => {
    expect(row('policy/PodDisruptionBudget', { metadata: meta('web'), spec: { minAvailable: '50%' }, status: { disruptionsAllowed: 1 } })).toEqual(['web', '50%', 'N/A', 1, '5h']);
    expect(row('policy/PodDisruptionBudget', { metadata: meta('db'), spec: { maxUnavailable: 1 } })).toEqual(['db', 'N/A', '1', 0, '5h']);
  });

  it('prints leases, priority and runtime classes', () => {
    expect(row('coordination.k8s.io/Lease', { metadata: meta('kube-scheduler'), spec: { holderIdentity: 'skiff_1234' } })).toEqual(['kube-scheduler', 'skiff_1234', '5h']);
    expect(row('coordination.k8s.io/Lease', { metadata: meta('free'), spec: {} })[1]).toBe('');
    expect(row('scheduling.k8s.io/PriorityClass', { metadata: meta('system-node-critical'), value: 2000001000, preemptionPolicy: 'PreemptLowerPriority' })).toEqual([
      'system-node-critical',
      2000001000,
      false,
      '5h',
      'PreemptLowerPriority',
    ]);
    expect(row('node.k8s.io/RuntimeClass', { metadata: meta('gvisor'), handler: 'runsc' })).toEqual(['gvisor', 'runsc', '5h']);
  });

  it('prints certificate signing requests', () => {
    const csr = {
      metadata: meta('node-csr-1'),
      spec: { signerName: 'kubernetes.io/kube-apiserver-client-kubelet', username: 'system:node:skiff', expirationSeconds: 86400 },
      status: { conditions: [{ type: 'Approved', status: 'True' }], certificate: 'LS0t' },
    };
    expect(row('certificates.k8s.io/CertificateSigningRequest', csr)).toEqual(['node-csr-1', '5h', 'kubernetes.io/kube-apiserver-client-kubelet', 'system:node:skiff', '24h', 'Approved,Issued']);
    expect(row('certificates.k8s.io/CertificateSigningRequest', { metadata: meta('x'), spec: {}, status: {} }).slice(2)).toEqual(['<none>', '', '<none>', 'Pending']);
    expect(printerBehaviors['certificates.k8s.io/CertificateSigningRequest'].fieldSelectors!['spec.signerName'](csr)).toBe('kubernetes.io/kube-apiserver-client-kubelet');
  });

  it('prints admission, flow control and aggregation objects', () => {
    expect(row('admissionregistration.k8s.io/ValidatingWebhookConfiguration', { metadata: meta('policy'), webhooks: [{}, {}] })).toEqual(['policy', 2, '5h']);
    expect(row('admissionregistration.k8s.io/ValidatingAdmissionPolicy', { metadata: meta('p'), spec: { paramKind: { apiVersion: 'v1', kind: 'ConfigMap' }, validations: [{}] } })).toEqual(['p', 1, 'v1/ConfigMap', '5h']);
    expect(row('admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding', { metadata: meta('b'), spec: { policyName: 'p', paramRef: { name: 'limits' } } })).toEqual(['b', 'p', '*/limits', '5h']);
    const fs = { metadata: meta('workload-low'), spec: { priorityLevelConfiguration: { name: 'workload-low' }, matchingPrecedence: 9000, distinguisherMethod: { type: 'ByUser' } }, status: { conditions: [{ type: 'Dangling', status: 'False' }] } };
    expect(row('flowcontrol.apiserver.k8s.io/FlowSchema', fs)).toEqual(['workload-low', 'workload-low', 9000, 'ByUser', '5h', 'False']);
    const limited = { metadata: meta('global-default'), spec: { type: 'Limited', limited: { nominalConcurrencyShares: 20, limitResponse: { type: 'Queue', queuing: { queues: 128, handSize: 6, queueLengthLimit: 50 } } } } };
    expect(row('flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration', limited)).toEqual(['global-default', 'Limited', 20, 128, 6, 50, '5h']);
    expect(row('flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration', { metadata: meta('exempt'), spec: { type: 'Exempt', exempt: {} } }).slice(1, 6)).toEqual(['Exempt', '<none>', '<none>', '<none>', '<none>']);
    expect(row('apiregistration.k8s.io/APIService', { metadata: meta('v1.apps'), spec: { group: 'apps', version: 'v1' }, status: { conditions: [{ type: 'Available', status: 'True' }] } })).toEqual(['v1.apps', 'Local', 'True', '5h']);
    const missing = { metadata: meta('v1beta1.metrics.k8s.io'), spec: { service: { namespace: 'kube-system', name: 'metrics-server' } }, status: { conditions: [{ type: 'Available', status: 'False', reason: 'MissingEndpoints' }] } };
    expect(row('apiregistration.k8s.io/APIService', missing)).toEqual(['v1beta1.metrics.k8s.io', 'kube-system/metrics-server', 'False (MissingEndpoints)', '5h']);
  });

  it('prints dynamic resource allocation objects', () => {
    expect(row('resource.k8s.io/ResourceClaim', { metadata: meta('gpu') })).toEqual(['gpu', 'pending', '5h']);
    expect(row('resource.k8s.io/ResourceClaim', { metadata: meta('gpu'), status: { allocation: {}, reservedFor: [{ resource: 'pods', name: 'p' }] } })[1]).toBe('allocated,reserved');
    expect(row('resource.k8s.io/ResourceClaim', { metadata: meta('gpu', { deletionTimestamp: ago(1) }) })[1]).toBe('deleted');
    const slice = { metadata: meta('skiff-gpu-x'), spec: { nodeName: 'skiff', driver: 'gpu.example.com', pool: { name: 'skiff', generation: 1, resourceSliceCount: 1 } } };
    expect(row('resource.k8s.io/ResourceSlice', slice)).toEqual(['skiff-gpu-x', 'skiff', 'gpu.example.com', 'skiff', '5h']);
    expect(printerBehaviors['resource.k8s.io/ResourceSlice'].fieldSelectors!['spec.driver'](slice)).toBe('gpu.example.com');
    expect(row('resource.k8s.io/DeviceClass', { metadata: meta('gpu.example.com') })).toEqual(['gpu.example.com', '5h']);
  });
});
