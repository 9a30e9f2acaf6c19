// Strategic-merge and server-side-apply semantics of the built-in types, keyed
// by canonical definition name and JSON property. The codegen merges this
// table into definitions.json, so the OpenAPI documents, strategic merge patch
// and server-side apply all read the same markers.
//
// This module must stay free of imports: the codegen loads it on its own
// before anything is built.

export type PatchStrategy = 'merge' | 'retainKeys' | 'merge,retainKeys' | 'replace';

export interface PatchMetadata {
  'x-kubernetes-patch-strategy'?: PatchStrategy;
  'x-kubernetes-patch-merge-key'?: string;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
}

type Table = Record<string, Record<string, PatchMetadata>>;

const atomic: PatchMetadata = { 'x-kubernetes-list-type': 'atomic' };
const set: PatchMetadata = { 'x-kubernetes-list-type': 'set' };
const atomicMap: PatchMetadata = { 'x-kubernetes-map-type': 'atomic' };

/** A list merged by key in both SMP and SSA (the common case for named items). */
function keyed(mergeKey: string, ...moreMapKeys: string[]): PatchMetadata {
  return {
    'x-kubernetes-patch-strategy': 'merge',
    'x-kubernetes-patch-merge-key': mergeKey,
    'x-kubernetes-list-type': 'map',
    'x-kubernetes-list-map-keys': [mergeKey, ...moreMapKeys],
  };
}

/** A list SSA keys by `keys` with no SMP merge key (SMP replaces it whole). */
function mapList(...keys: string[]): PatchMetadata {
  return { 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': keys };
}

/** SMP merges by key, SSA treats the list as one value (keys may repeat). */
function mergeAtomic(mergeKey: string): PatchMetadata {
  return { 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-patch-merge-key': mergeKey, ...atomic };
}

const retainKeys: PatchMetadata = { 'x-kubernetes-patch-strategy': 'retainKeys' };
const conditions = keyed('type');

const meta = (n: string) => `io.k8s.apimachinery.pkg.apis.meta.v1.${n}`;
const core = (n: string) => `io.k8s.api.core.v1.${n}`;
const api = (group: string, n: string) => `io.k8s.api.${group}.${n}`;
const apiext = (n: string) => `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.${n}`;
const aggregator = (n: string) => `io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.${n}`;

// Container and EphemeralContainer share these; kubectl's SMP for ports keys on
// containerPort alone while SSA keys on the (containerPort, protocol) pair.
const containerLists: Record<string, PatchMetadata> = {
  command: atomic,
  args: atomic,
  ports: keyed('containerPort', 'protocol'),
  envFrom: atomic,
  env: keyed('name'),
  resizePolicy: atomic,
  restartPolicyRules: atomic,
  volumeMounts: keyed('mountPath'),
  volumeDevices: keyed('devicePath'),
};

export const PROPERTY_PATCH_METADATA: Table = {
  [meta('ObjectMeta')]: {
    finalizers: { 'x-kubernetes-patch-strategy': 'merge', ...set },
    ownerReferences: keyed('uid'),
    managedFields: atomic,
  },
  [meta('LabelSelector')]: { matchExpressions: atomic },
  [meta('LabelSelectorRequirement')]: { values: atomic },
  [meta('StatusDetails')]: { causes: atomic },
  [meta('DeleteOptions')]: { dryRun: atomic },
  [meta('FieldSelectorRequirement')]: { values: atomic },
  [meta('APIGroup')]: { versions: atomic, serverAddressByClientCIDRs: atomic },
  [meta('APIGroupList')]: { groups: atomic },
  [meta('APIResource')]: { shortNames: atomic, categories: atomic },
  [meta('APIResourceList')]: { resources: atomic },
  [meta('APIVersions')]: { versions: atomic, serverAddressByClientCIDRs: atomic },

  [core('PodSpec')]: {
    volumes: { ...keyed('name'), 'x-kubernetes-patch-strategy': 'merge,retainKeys' },
    initContainers: keyed('name'),
    containers: keyed('name'),
    ephemeralContainers: keyed('name'),
    imagePullSecrets: keyed('name'),
    hostAliases: keyed('ip'),
    nodeSelector: atomicMap,
    tolerations: atomic,
    readinessGates: atomic,
    topologySpreadConstraints: keyed('topologyKey', 'whenUnsatisfiable'),
    resourceClaims: { ...keyed('name'), 'x-kubernetes-patch-strategy': 'merge,retainKeys' },
    schedulingGates: keyed('name'),
  },
  [core('Container')]: containerLists,
  [core('EphemeralContainer')]: containerLists,
  [core('PodSecurityContext')]: { supplementalGroups: atomic, sysctls: atomic },
  [core('LinuxContainerUser')]: { supplementalGroups: atomic },
  [core('ContainerRestartRuleOnExitCodes')]: { values: set },
  [core('PodExtendedResourceClaimStatus')]: { requestMappings: atomic },
  [core('Capabilities')]: { add: atomic, drop: atomic },
  [core('ExecAction')]: { command: atomic },
  [core('HTTPGetAction')]: { httpHeaders: atomic },
  [core('ResourceRequirements')]: { claims: mapList('name') },
  [core('PodDNSConfig')]: { nameservers: atomic, searches: atomic, options: atomic },
  [core('HostAlias')]: { hostnames: atomic },
  [core('PodStatus')]: {
    conditions,
    podIPs: keyed('ip'),
    hostIPs: mergeAtomic('ip'),
    initContainerStatuses: atomic,
    containerStatuses: atomic,
    ephemeralContainerStatuses: atomic,
    resourceClaimStatuses: { ...keyed('name'), 'x-kubernetes-patch-strategy': 'merge,retainKeys' },
  },
  [core('ContainerStatus')]: { volumeMounts: keyed('mountPath'), allocatedResourcesStatus: keyed('name') },
  [core('ResourceStatus')]: { resources: mapList('resourceID') },
  [core('NodeSelector')]: { nodeSelectorTerms: atomic },
  [core('NodeSelectorTerm')]: { matchExpressions: atomic, matchFields: atomic },
  [core('NodeSelectorRequirement')]: { values: atomic },
  [core('NodeAffinity')]: { preferredDuringSchedulingIgnoredDuringExecution: atomic },
  [core('PodAffinity')]: {
    requiredDuringSchedulingIgnoredDuringExecution: atomic,
    preferredDuringSchedulingIgnoredDuringExecution: atomic,
  },
  [core('PodAntiAffinity')]: {
    requiredDuringSchedulingIgnoredDuringExecution: atomic,
    preferredDuringSchedulingIgnoredDuringExecution: atomic,
  },
  [core('PodAffinityTerm')]: { namespaces: atomic, matchLabelKeys: atomic, mismatchLabelKeys: atomic },
  [core('TopologySpreadConstraint')]: { matchLabelKeys: atomic },
  [core('ConfigMapVolumeSource')]: { items: atomic },
  [core('SecretVolumeSource')]: { items: atomic },
  [core('ConfigMapProjection')]: { items: atomic },
  [core('SecretProjection')]: { items: atomic },
  [core('DownwardAPIVolumeSource')]: { items: atomic },
  [core('DownwardAPIProjection')]: { items: atomic },
  [core('ProjectedVolumeSource')]: { sources: atomic },
  [core('ISCSIVolumeSource')]: { portals: atomic },
  [core('ISCSIPersistentVolumeSource')]: { portals: atomic },
  [core('CephFSVolumeSource')]: { monitors: atomic },
  [core('CephFSPersistentVolumeSource')]: { monitors: atomic },
  [core('RBDVolumeSource')]: { monitors: atomic },
  [core('RBDPersistentVolumeSource')]: { monitors: atomic },
  [core('FCVolumeSource')]: { targetWWNs: atomic, wwids: atomic },

  [core('ServiceSpec')]: {
    ports: keyed('port', 'protocol'),
    selector: atomicMap,
    clusterIPs: atomic,
    externalIPs: atomic,
    loadBalancerSourceRanges: atomic,
    ipFamilies: atomic,
  },
  [core('ServiceStatus')]: { conditions },
  [core('LoadBalancerStatus')]: { ingress: atomic },
  [core('LoadBalancerIngress')]: { ports: atomic },
  [core('ServiceAccount')]: { secrets: keyed('name'), imagePullSecrets: atomic },
  [core('Endpoints')]: { subsets: atomic },
  [core('EndpointSubset')]: { addresses: atomic, notReadyAddresses: atomic, ports: atomic },

  [core('NodeSpec')]: { podCIDRs: { 'x-kubernetes-patch-strategy': 'merge', ...set }, taints: atomic },
  [core('NodeStatus')]: {
    conditions,
    addresses: keyed('type'),
    images: atomic,
    volumesInUse: atomic,
    volumesAttached: atomic,
    runtimeHandlers: atomic,
  },
  [core('ContainerImage')]: { names: atomic },
  [core('NamespaceSpec')]: { finalizers: atomic },
  [core('NamespaceStatus')]: { conditions },
  [core('PersistentVolumeClaimSpec')]: { accessModes: atomic },
  [core('PersistentVolumeClaimStatus')]: {
    accessModes: atomic,
    conditions,
    allocatedResourceStatuses: { 'x-kubernetes-map-type': 'granular' },
  },
  [core('PersistentVolumeSpec')]: { accessModes: atomic, mountOptions: atomic },
  [core('ReplicationControllerSpec')]: { selector: atomicMap },
  [core('ReplicationControllerStatus')]: { conditions },
  [core('ResourceQuotaSpec')]: { scopes: atomic },
  [core('ScopeSelector')]: { matchExpressions: atomic },
  [core('ScopedResourceSelectorRequirement')]: { values: atomic },
  [core('LimitRangeSpec')]: { limits: atomic },
  [core('ComponentStatus')]: { conditions },
  [core('TopologySelectorTerm')]: { matchLabelExpressions: atomic },
  [core('TopologySelectorLabelRequirement')]: { values: atomic },

  [api('apps.v1', 'DeploymentSpec')]: { strategy: retainKeys },
  [api('apps.v1', 'DeploymentStatus')]: { conditions },
  [api('apps.v1', 'DaemonSetStatus')]: { conditions },
  [api('apps.v1', 'ReplicaSetStatus')]: { conditions },
  [api('apps.v1', 'StatefulSetSpec')]: { volumeClaimTemplates: atomic },
  [api('apps.v1', 'StatefulSetStatus')]: { conditions },

  [api('batch.v1', 'JobStatus')]: { conditions: mergeAtomic('type') },
  [api('batch.v1', 'CronJobStatus')]: { active: atomic },
  [api('batch.v1', 'PodFailurePolicy')]: { rules: atomic },
  [api('batch.v1', 'PodFailurePolicyRule')]: { onPodConditions: atomic },
  [api('batch.v1', 'PodFailurePolicyOnExitCodesRequirement')]: { values: set },
  [api('batch.v1', 'SuccessPolicy')]: { rules: atomic },
  [api('batch.v1', 'UncountedTerminatedPods')]: { succeeded: set, failed: set },

  [api('autoscaling.v2', 'HorizontalPodAutoscalerSpec')]: { metrics: atomic },
  [api('autoscaling.v2', 'HorizontalPodAutoscalerStatus')]: { currentMetrics: atomic, conditions },
  [api('autoscaling.v2', 'HPAScalingRules')]: { policies: atomic },

  [api('policy.v1', 'PodDisruptionBudgetSpec')]: { selector: { 'x-kubernetes-patch-strategy': 'replace' } },
  [api('policy.v1', 'PodDisruptionBudgetStatus')]: { conditions },

  [api('authentication.v1', 'TokenRequestSpec')]: { audiences: atomic },
  [api('authentication.v1', 'TokenReviewSpec')]: { audiences: atomic },
  [api('authentication.v1', 'TokenReviewStatus')]: { audiences: atomic },
  [api('authentication.v1', 'UserInfo')]: { groups: atomic },
  [api('authorization.v1', 'SubjectAccessReviewSpec')]: { groups: atomic },
  [api('authorization.v1', 'SubjectRulesReviewStatus')]: { resourceRules: atomic, nonResourceRules: atomic },
  [api('authorization.v1', 'ResourceRule')]: {
    verbs: atomic, apiGroups: atomic, resources: atomic, resourceNames: atomic,
  },
  [api('authorization.v1', 'NonResourceRule')]: { verbs: atomic, nonResourceURLs: atomic },
  [api('authorization.v1', 'FieldSelectorAttributes')]: { requirements: atomic },
  [api('authorization.v1', 'LabelSelectorAttributes')]: { requirements: atomic },

  [api('rbac.v1', 'Role')]: { rules: atomic },
  [api('rbac.v1', 'ClusterRole')]: { rules: atomic },
  [api('rbac.v1', 'PolicyRule')]: {
    verbs: atomic, apiGroups: atomic, resources: atomic, resourceNames: atomic, nonResourceURLs: atomic,
  },
  [api('rbac.v1', 'AggregationRule')]: { clusterRoleSelectors: atomic },
  [api('rbac.v1', 'RoleBinding')]: { subjects: atomic },
  [api('rbac.v1', 'ClusterRoleBinding')]: { subjects: atomic },

  [api('networking.v1', 'IngressSpec')]: { tls: atomic, rules: atomic },
  [api('networking.v1', 'IngressTLS')]: { hosts: atomic },
  [api('networking.v1', 'HTTPIngressRuleValue')]: { paths: atomic },
  [api('networking.v1', 'IngressLoadBalancerStatus')]: { ingress: atomic },
  [api('networking.v1', 'IngressLoadBalancerIngress')]: { ports: atomic },
  [api('networking.v1', 'NetworkPolicySpec')]: { ingress: atomic, egress: atomic, policyTypes: atomic },
  [api('networking.v1', 'NetworkPolicyIngressRule')]: { ports: atomic, from: atomic },
  [api('networking.v1', 'NetworkPolicyEgressRule')]: { ports: atomic, to: atomic },
  [api('networking.v1', 'IPBlock')]: { except: atomic },
  [api('networking.v1', 'ServiceCIDRSpec')]: { cidrs: atomic },
  [api('networking.v1', 'ServiceCIDRStatus')]: { conditions },

  [api('discovery.v1', 'EndpointSlice')]: { endpoints: atomic, ports: atomic },
  [api('discovery.v1', 'Endpoint')]: { addresses: set },
  [api('discovery.v1', 'EndpointHints')]: { forZones: atomic, forNodes: atomic },

  [api('admissionregistration.v1', 'MutatingWebhookConfiguration')]: { webhooks: keyed('name') },
  [api('admissionregistration.v1', 'ValidatingWebhookConfiguration')]: { webhooks: keyed('name') },
  [api('admissionregistration.v1', 'MutatingWebhook')]: {
    rules: atomic, admissionReviewVersions: atomic, matchConditions: keyed('name'),
  },
  [api('admissionregistration.v1', 'ValidatingWebhook')]: {
    rules: atomic, admissionReviewVersions: atomic, matchConditions: keyed('name'),
  },
  [api('admissionregistration.v1', 'RuleWithOperations')]: {
    operations: atomic, apiGroups: atomic, apiVersions: atomic, resources: atomic,
  },
  [api('admissionregistration.v1', 'NamedRuleWithOperations')]: {
    resourceNames: atomic, operations: atomic, apiGroups: atomic, apiVersions: atomic, resources: atomic,
  },
  [api('admissionregistration.v1', 'ValidatingAdmissionPolicySpec')]: {
    validations: atomic, auditAnnotations: atomic, matchConditions: keyed('name'), variables: keyed('name'),
  },
  [api('admissionregistration.v1', 'ValidatingAdmissionPolicyStatus')]: { conditions: mapList('type') },
  [api('admissionregistration.v1', 'ValidatingAdmissionPolicyBindingSpec')]: { validationActions: set },
  [api('admissionregistration.v1', 'MatchResources')]: { resourceRules: atomic, excludeResourceRules: atomic },
  [api('admissionregistration.v1', 'TypeChecking')]: { expressionWarnings: atomic },

  [api('certificates.v1', 'CertificateSigningRequestSpec')]: { usages: atomic, groups: atomic },
  [api('certificates.v1', 'CertificateSigningRequestStatus')]: { conditions: mapList('type') },

  [api('flowcontrol.v1', 'FlowSchemaSpec')]: { rules: atomic },
  [api('flowcontrol.v1', 'PolicyRulesWithSubjects')]: { subjects: atomic, resourceRules: atomic, nonResourceRules: atomic },
  [api('flowcontrol.v1', 'ResourcePolicyRule')]: {
    verbs: set, apiGroups: set, resources: set, namespaces: set,
  },
  [api('flowcontrol.v1', 'NonResourcePolicyRule')]: { verbs: set, nonResourceURLs: set },
  [api('flowcontrol.v1', 'FlowSchemaStatus')]: { conditions },
  [api('flowcontrol.v1', 'PriorityLevelConfigurationStatus')]: { conditions },

  [api('node.v1', 'Scheduling')]: { nodeSelector: atomicMap, tolerations: atomic },

  [api('storage.v1', 'StorageClass')]: { mountOptions: atomic, allowedTopologies: atomic },
  [api('storage.v1', 'CSIDriverSpec')]: { volumeLifecycleModes: set, tokenRequests: atomic },
  [api('storage.v1', 'CSINodeSpec')]: { drivers: keyed('name') },
  [api('storage.v1', 'CSINodeDriver')]: { topologyKeys: atomic },

  [api('resource.v1', 'DeviceClassSpec')]: { selectors: atomic, config: atomic },
  [api('resource.v1', 'DeviceClaim')]: { requests: atomic, constraints: atomic, config: atomic },
  [api('resource.v1', 'DeviceRequest')]: { firstAvailable: atomic },
  [api('resource.v1', 'ExactDeviceRequest')]: { selectors: atomic, tolerations: atomic },
  [api('resource.v1', 'DeviceSubRequest')]: { selectors: atomic, tolerations: atomic },
  [api('resource.v1', 'DeviceConstraint')]: { requests: atomic },
  [api('resource.v1', 'DeviceClaimConfiguration')]: { requests: atomic },
  [api('resource.v1', 'CapacityRequestPolicy')]: { validValues: atomic },
  [api('resource.v1', 'ResourceClaimStatus')]: {
    reservedFor: keyed('uid'),
    devices: mapList('driver', 'device', 'pool', 'shareID'),
  },
  [api('resource.v1', 'DeviceAllocationResult')]: { results: atomic, config: atomic },
  [api('resource.v1', 'DeviceAllocationConfiguration')]: { requests: atomic },
  [api('resource.v1', 'DeviceRequestAllocationResult')]: {
    tolerations: atomic, bindingConditions: atomic, bindingFailureConditions: atomic,
  },
  [api('resource.v1', 'AllocatedDeviceStatus')]: { conditions: mapList('type') },
  [api('resource.v1', 'NetworkDeviceData')]: { ips: atomic },
  [api('resource.v1', 'ResourceSliceSpec')]: { devices: atomic, sharedCounters: atomic },
  [api('resource.v1', 'Device')]: {
    consumesCounters: atomic, taints: atomic, bindingConditions: atomic, bindingFailureConditions: atomic,
  },

  [apiext('CustomResourceDefinitionSpec')]: { versions: atomic },
  [apiext('CustomResourceDefinitionNames')]: { shortNames: atomic, categories: atomic },
  [apiext('CustomResourceDefinitionVersion')]: { additionalPrinterColumns: atomic, selectableFields: atomic },
  [apiext('CustomResourceDefinitionStatus')]: { conditions: mapList('type'), storedVersions: atomic },
  [apiext('WebhookConversion')]: { conversionReviewVersions: atomic },
  [apiext('JSONSchemaProps')]: {
    required: atomic,
    enum: atomic,
    allOf: atomic,
    oneOf: atomic,
    anyOf: atomic,
    'x-kubernetes-list-map-keys': atomic,
    'x-kubernetes-validations': keyed('rule'),
  },

  [aggregator('APIServiceStatus')]: { conditions },
};

/** Markers on a whole struct: SSA replaces these objects as one value. */
export const STRUCT_PATCH_METADATA: Record<string, PatchMetadata> = {
  [meta('LabelSelector')]: atomicMap,
  [meta('OwnerReference')]: atomicMap,
  [core('ObjectReference')]: atomicMap,
  [core('LocalObjectReference')]: atomicMap,
  [core('TypedLocalObjectReference')]: atomicMap,
  [core('ConfigMapKeySelector')]: atomicMap,
  [core('SecretKeySelector')]: atomicMap,
  [core('ObjectFieldSelector')]: atomicMap,
  [core('ResourceFieldSelector')]: atomicMap,
  [core('NodeSelector')]: atomicMap,
  [core('NodeSelectorTerm')]: atomicMap,
  [core('TopologySelectorTerm')]: atomicMap,
  [core('SecretReference')]: atomicMap,
  [core('FileKeySelector')]: atomicMap,
  [core('EndpointAddress')]: atomicMap,
  [core('EndpointPort')]: atomicMap,
  [core('ScopeSelector')]: atomicMap,
  [api('autoscaling.v1', 'CrossVersionObjectReference')]: atomicMap,
  [api('rbac.v1', 'Subject')]: atomicMap,
  [api('networking.v1', 'ServiceBackendPort')]: atomicMap,
  [api('discovery.v1', 'EndpointPort')]: atomicMap,
  [api('admissionregistration.v1', 'ParamKind')]: atomicMap,
  [api('admissionregistration.v1', 'Variable')]: atomicMap,
  [api('admissionregistration.v1', 'NamedRuleWithOperations')]: atomicMap,
  [api('rbac.v1', 'RoleRef')]: atomicMap,
  [api('admissionregistration.v1', 'MatchResources')]: atomicMap,
  [api('admissionregistration.v1', 'ParamRef')]: atomicMap,
};
