import type { ResourceDescriptor, Verb } from '../descriptor.js';

/**
 * Every built-in resource a stock Kubernetes 1.34 API server serves, as `kubectl api-resources`
 * lists them. Behaviour (defaults, validation, printing) is attached per kind elsewhere.
 */
type Entry = [
  group: string,
  version: string,
  kind: string,
  plural: string,
  namespaced: boolean,
  extras?: Partial<Pick<ResourceDescriptor, 'shortNames' | 'categories' | 'subresources' | 'generation' | 'verbs' | 'nameRule'>> & { definition?: string },
];

const CRUD_NO_LIST: Verb[] = ['create'];
const GET_LIST: Verb[] = ['get', 'list'];
const all = ['all'];
const status = { status: true };
const replicasScale = { status: true, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.spec.selector' } };

const ENTRIES: Entry[] = [
  ['', 'v1', 'Binding', 'bindings', true, { verbs: CRUD_NO_LIST }],
  ['', 'v1', 'ComponentStatus', 'componentstatuses', false, { shortNames: ['cs'], verbs: GET_LIST }],
  ['', 'v1', 'ConfigMap', 'configmaps', true, { shortNames: ['cm'] }],
  ['', 'v1', 'Endpoints', 'endpoints', true, { shortNames: ['ep'] }],
  ['', 'v1', 'Event', 'events', true, { shortNames: ['ev'] }],
  ['', 'v1', 'LimitRange', 'limitranges', true, { shortNames: ['limits'] }],
  ['', 'v1', 'Namespace', 'namespaces', false, { shortNames: ['ns'], subresources: { status: true, extra: ['finalize'] }, nameRule: 'label', verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] }],
  ['', 'v1', 'Node', 'nodes', false, { shortNames: ['no'], subresources: { status: true, extra: ['proxy'] } }],
  ['', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', true, { shortNames: ['pvc'], subresources: status }],
  ['', 'v1', 'PersistentVolume', 'persistentvolumes', false, { shortNames: ['pv'], subresources: status }],
  ['', 'v1', 'Pod', 'pods', true, { shortNames: ['po'], categories: all, generation: true, subresources: { status: true, extra: ['log', 'exec', 'attach', 'portforward', 'proxy', 'binding', 'eviction', 'ephemeralcontainers', 'resize'] } }],
  ['', 'v1', 'PodTemplate', 'podtemplates', true],
  ['', 'v1', 'ReplicationController', 'replicationcontrollers', true, { shortNames: ['rc'], categories: all, generation: true, subresources: { status: true, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.spec.selector' } } }],
  ['', 'v1', 'ResourceQuota', 'resourcequotas', true, { shortNames: ['quota'], subresources: status }],
  ['', 'v1', 'Secret', 'secrets', true],
  ['', 'v1', 'ServiceAccount', 'serviceaccounts', true, { shortNames: ['sa'], subresources: { extra: ['token'] } }],
  ['', 'v1', 'Service', 'services', true, { shortNames: ['svc'], categories: all, subresources: { status: true, extra: ['proxy'] }, nameRule: 'dns1035' }],
  ['admissionregistration.k8s.io', 'v1', 'MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', false, { categories: ['api-extensions'], generation: true }],
  ['admissionregistration.k8s.io', 'v1', 'ValidatingAdmissionPolicy', 'validatingadmissionpolicies', false, { categories: ['api-extensions'], subresources: status, generation: true }],
  ['admissionregistration.k8s.io', 'v1', 'ValidatingAdmissionPolicyBinding', 'validatingadmissionpolicybindings', false, { categories: ['api-extensions'], generation: true }],
  ['admissionregistration.k8s.io', 'v1', 'ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', false, { categories: ['api-extensions'], generation: true }],
  ['apiregistration.k8s.io', 'v1', 'APIService', 'apiservices', false, { categories: ['api-extensions'], subresources: status }],
  ['apps', 'v1', 'ControllerRevision', 'controllerrevisions', true],
  ['apps', 'v1', 'DaemonSet', 'daemonsets', true, { shortNames: ['ds'], categories: all, subresources: status, generation: true }],
  ['apps', 'v1', 'Deployment', 'deployments', true, { shortNames: ['deploy'], categories: all, subresources: replicasScale, generation: true }],
  ['apps', 'v1', 'ReplicaSet', 'replicasets', true, { shortNames: ['rs'], categories: all, subresources: replicasScale, generation: true }],
  ['apps', 'v1', 'StatefulSet', 'statefulsets', true, { shortNames: ['sts'], categories: all, subresources: replicasScale, generation: true }],
  ['authentication.k8s.io', 'v1', 'SelfSubjectReview', 'selfsubjectreviews', false, { verbs: CRUD_NO_LIST }],
  ['authentication.k8s.io', 'v1', 'TokenReview', 'tokenreviews', false, { verbs: CRUD_NO_LIST }],
  ['authorization.k8s.io', 'v1', 'LocalSubjectAccessReview', 'localsubjectaccessreviews', true, { verbs: CRUD_NO_LIST }],
  ['authorization.k8s.io', 'v1', 'SelfSubjectAccessReview', 'selfsubjectaccessreviews', false, { verbs: CRUD_NO_LIST }],
  ['authorization.k8s.io', 'v1', 'SelfSubjectRulesReview', 'selfsubjectrulesreviews', false, { verbs: CRUD_NO_LIST }],
  ['authorization.k8s.io', 'v1', 'SubjectAccessReview', 'subjectaccessreviews', false, { verbs: CRUD_NO_LIST }],
  ['autoscaling', 'v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', true, { shortNames: ['hpa'], categories: all, subresources: status, generation: true }],
  ['batch', 'v1', 'CronJob', 'cronjobs', true, { shortNames: ['cj'], categories: all, subresources: status, generation: true }],
  ['batch', 'v1', 'Job', 'jobs', true, { categories: all, subresources: status, generation: true }],
  ['certificates.k8s.io', 'v1', 'CertificateSigningRequest', 'certificatesigningrequests', false, { shortNames: ['csr'], subresources: { status: true, extra: ['approval'] } }],
  ['coordination.k8s.io', 'v1', 'Lease', 'leases', true],
  ['discovery.k8s.io', 'v1', 'EndpointSlice', 'endpointslices', true],
  ['events.k8s.io', 'v1', 'Event', 'events', true, { shortNames: ['ev'] }],
  ['flowcontrol.apiserver.k8s.io', 'v1', 'FlowSchema', 'flowschemas', false, { subresources: status, generation: true }],
  ['flowcontrol.apiserver.k8s.io', 'v1', 'PriorityLevelConfiguration', 'prioritylevelconfigurations', false, { subresources: status, generation: true }],
  ['networking.k8s.io', 'v1', 'IngressClass', 'ingressclasses', false],
  ['networking.k8s.io', 'v1', 'Ingress', 'ingresses', true, { shortNames: ['ing'], subresources: status, generation: true }],
  ['networking.k8s.io', 'v1', 'IPAddress', 'ipaddresses', false, { shortNames: ['ip'] }],
  ['networking.k8s.io', 'v1', 'NetworkPolicy', 'networkpolicies', true, { shortNames: ['netpol'], generation: true }],
  ['networking.k8s.io', 'v1', 'ServiceCIDR', 'servicecidrs', false, { subresources: status }],
  ['node.k8s.io', 'v1', 'RuntimeClass', 'runtimeclasses', false],
  ['policy', 'v1', 'PodDisruptionBudget', 'poddisruptionbudgets', true, { shortNames: ['pdb'], subresources: status, generation: true }],
  ['rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', 'clusterrolebindings', false, { nameRule: 'path-segment' }],
  ['rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'clusterroles', false, { nameRule: 'path-segment' }],
  ['rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings', true, { nameRule: 'path-segment' }],
  ['rbac.authorization.k8s.io', 'v1', 'Role', 'roles', true, { nameRule: 'path-segment' }],
  ['resource.k8s.io', 'v1', 'DeviceClass', 'deviceclasses', false, { generation: true }],
  ['resource.k8s.io', 'v1', 'ResourceClaim', 'resourceclaims', true, { subresources: status, generation: true }],
  ['resource.k8s.io', 'v1', 'ResourceClaimTemplate', 'resourceclaimtemplates', true, { generation: true }],
  ['resource.k8s.io', 'v1', 'ResourceSlice', 'resourceslices', false, { generation: true }],
  ['scheduling.k8s.io', 'v1', 'PriorityClass', 'priorityclasses', false, { shortNames: ['pc'] }],
  ['storage.k8s.io', 'v1', 'CSIDriver', 'csidrivers', false],
  ['storage.k8s.io', 'v1', 'CSINode', 'csinodes', false],
  ['storage.k8s.io', 'v1', 'CSIStorageCapacity', 'csistoragecapacities', true],
  ['storage.k8s.io', 'v1', 'StorageClass', 'storageclasses', false, { shortNames: ['sc'] }],
  ['storage.k8s.io', 'v1', 'VolumeAttachment', 'volumeattachments', false, { subresources: status }],
  ['storage.k8s.io', 'v1', 'VolumeAttributesClass', 'volumeattributesclasses', false, { shortNames: ['vac'] }],
  ['apiextensions.k8s.io', 'v1', 'CustomResourceDefinition', 'customresourcedefinitions', false, { shortNames: ['crd', 'crds'], categories: ['api-extensions'], subresources: status, generation: true }],
];

const PROTO_GROUP_DIR: Record<string, string> = {
  '': 'core',
  'admissionregistration.k8s.io': 'admissionregistration',
  'apps': 'apps',
  'authentication.k8s.io': 'authentication',
  'authorization.k8s.io': 'authorization',
  'autoscaling': 'autoscaling',
  'batch': 'batch',
  'certificates.k8s.io': 'certificates',
  'coordination.k8s.io': 'coordination',
  'discovery.k8s.io': 'discovery',
  'events.k8s.io': 'events',
  'flowcontrol.apiserver.k8s.io': 'flowcontrol',
  'networking.k8s.io': 'networking',
  'node.k8s.io': 'node',
  'policy': 'policy',
  'rbac.authorization.k8s.io': 'rbac',
  'resource.k8s.io': 'resource',
  'scheduling.k8s.io': 'scheduling',
  'storage.k8s.io': 'storage',
};

/** Upstream's OpenAPI name for a built-in kind: `io.k8s.api.apps.v1.Deployment`. */
export function definitionName(group: string, version: string, kind: string): string {
  if (group === 'apiextensions.k8s.io') return `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.${version}.${kind}`;
  if (group === 'apiregistration.k8s.io') return `io.k8s.kube-aggregator.pkg.apis.apiregistration.${version}.${kind}`;
  return `io.k8s.api.${PROTO_GROUP_DIR[group] ?? group.split('.')[0]}.${version}.${kind}`;
}

function singularOf(kind: string): string {
  return kind.toLowerCase();
}

export function catalogDescriptors(): ResourceDescriptor[] {
  return ENTRIES.map(([group, version, kind, plural, namespaced, extras = {}]) => ({
    group,
    version,
    kind,
    plural,
    singular: singularOf(kind),
    listKind: `${kind}List`,
    namespaced,
    definition: extras.definition ?? definitionName(group, version, kind),
    ...extras,
  }));
}
