// The API groups Skiff serves (Kubernetes 1.34 stock) and where each group's
// types live. This is the only place that lists them for the codegen.

/**
 * Group name → proto package prefix (the k8s.io/api directory the group's
 * register.go lives in). The runtime decoder maps `apiVersion` through it.
 */
export const GROUP_PROTO_PACKAGES = {
  '': 'k8s.io.api.core',
  'admission.k8s.io': 'k8s.io.api.admission',
  'admissionregistration.k8s.io': 'k8s.io.api.admissionregistration',
  'apidiscovery.k8s.io': 'k8s.io.api.apidiscovery',
  'internal.apiserver.k8s.io': 'k8s.io.api.apiserverinternal',
  apps: 'k8s.io.api.apps',
  'authentication.k8s.io': 'k8s.io.api.authentication',
  'authorization.k8s.io': 'k8s.io.api.authorization',
  autoscaling: 'k8s.io.api.autoscaling',
  batch: 'k8s.io.api.batch',
  'certificates.k8s.io': 'k8s.io.api.certificates',
  'coordination.k8s.io': 'k8s.io.api.coordination',
  'discovery.k8s.io': 'k8s.io.api.discovery',
  'events.k8s.io': 'k8s.io.api.events',
  extensions: 'k8s.io.api.extensions',
  'flowcontrol.apiserver.k8s.io': 'k8s.io.api.flowcontrol',
  'imagepolicy.k8s.io': 'k8s.io.api.imagepolicy',
  'networking.k8s.io': 'k8s.io.api.networking',
  'node.k8s.io': 'k8s.io.api.node',
  policy: 'k8s.io.api.policy',
  'rbac.authorization.k8s.io': 'k8s.io.api.rbac',
  'resource.k8s.io': 'k8s.io.api.resource',
  'scheduling.k8s.io': 'k8s.io.api.scheduling',
  'storage.k8s.io': 'k8s.io.api.storage',
  'storagemigration.k8s.io': 'k8s.io.api.storagemigration',
  'meta.k8s.io': 'k8s.io.apimachinery.pkg.apis.meta',
};

/**
 * Groups whose Go types are not linked into kubectl, so there are no proto
 * descriptors; their schemas come from the client-node models alone.
 */
export const MODEL_ONLY_GROUPS = {
  'apiextensions.k8s.io': 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions',
  'apiregistration.k8s.io': 'io.k8s.kube-aggregator.pkg.apis.apiregistration',
};

/** Served group versions and their top-level kinds (list kinds are added by the codegen). */
export const SERVED_KINDS = [
  ['', 'v1', [
    'Binding', 'ComponentStatus', 'ConfigMap', 'Endpoints', 'Event', 'LimitRange', 'Namespace', 'Node',
    'PersistentVolumeClaim', 'PersistentVolume', 'Pod', 'PodTemplate', 'ReplicationController',
    'ResourceQuota', 'Secret', 'ServiceAccount', 'Service',
  ]],
  ['admissionregistration.k8s.io', 'v1', [
    'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy',
    'ValidatingAdmissionPolicyBinding',
  ]],
  ['apiextensions.k8s.io', 'v1', ['CustomResourceDefinition']],
  ['apiregistration.k8s.io', 'v1', ['APIService']],
  ['apps', 'v1', ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet']],
  ['authentication.k8s.io', 'v1', ['SelfSubjectReview', 'TokenReview', 'TokenRequest']],
  ['authorization.k8s.io', 'v1', [
    'LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview',
  ]],
  ['autoscaling', 'v2', ['HorizontalPodAutoscaler']],
  ['autoscaling', 'v1', ['HorizontalPodAutoscaler', 'Scale']],
  ['batch', 'v1', ['CronJob', 'Job']],
  ['certificates.k8s.io', 'v1', ['CertificateSigningRequest']],
  ['coordination.k8s.io', 'v1', ['Lease']],
  ['discovery.k8s.io', 'v1', ['EndpointSlice']],
  ['events.k8s.io', 'v1', ['Event']],
  ['flowcontrol.apiserver.k8s.io', 'v1', ['FlowSchema', 'PriorityLevelConfiguration']],
  ['networking.k8s.io', 'v1', ['IngressClass', 'Ingress', 'IPAddress', 'NetworkPolicy', 'ServiceCIDR']],
  ['node.k8s.io', 'v1', ['RuntimeClass']],
  ['policy', 'v1', ['PodDisruptionBudget', 'Eviction']],
  ['rbac.authorization.k8s.io', 'v1', ['ClusterRoleBinding', 'ClusterRole', 'RoleBinding', 'Role']],
  ['resource.k8s.io', 'v1', ['DeviceClass', 'ResourceClaim', 'ResourceClaimTemplate', 'ResourceSlice']],
  ['scheduling.k8s.io', 'v1', ['PriorityClass']],
  ['storage.k8s.io', 'v1', [
    'CSIDriver', 'CSINode', 'CSIStorageCapacity', 'StorageClass', 'VolumeAttachment', 'VolumeAttributesClass',
  ]],
];

/**
 * Kinds that only appear as subresource bodies or request options: they get
 * definitions but no list type.
 */
export const NO_LIST_KINDS = new Set([
  'Binding', 'Scale', 'Eviction', 'TokenRequest', 'TokenReview', 'SelfSubjectReview',
  'LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview',
]);

/** meta/v1 kinds every group version accepts or returns (DeleteOptions bodies, watch events, Status). */
export const META_KINDS = ['DeleteOptions', 'WatchEvent', 'Status', 'APIResourceList', 'APIGroupList', 'APIGroup', 'APIVersions'];
export const META_KINDS_IN_EVERY_GROUP_VERSION = new Set(['DeleteOptions', 'WatchEvent']);
