import { describe, expect, test } from 'vitest';
import {
  checkTypes, definitionNameFor, findUnknownFields, getDefinitions, listSemantics, propertySchema, prune, schemaNode,
} from './index.js';

const DEPLOYMENT = 'io.k8s.api.apps.v1.Deployment';
const POD_SPEC = 'io.k8s.api.core.v1.PodSpec';
const CONTAINER = 'io.k8s.api.core.v1.Container';

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' }, annotations: { note: 'x' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [{
          name: 'web',
          image: 'nginx',
          ports: [{ containerPort: 80 }],
          resources: { limits: { cpu: '500m', memory: 128 } },
          livenessProbe: { httpGet: { path: '/', port: 'http' } },
        }],
        volumes: [{ name: 'tmp', emptyDir: {} }],
      },
    },
  },
};

describe('definitions', () => {
  // Every kind Skiff serves, as group/version/kind.
  const SERVED: Array<[string, string, string[]]> = [
    ['', 'v1', ['Binding', 'ComponentStatus', 'ConfigMap', 'Endpoints', 'Event', 'LimitRange', 'Namespace', 'Node',
      'PersistentVolumeClaim', 'PersistentVolume', 'Pod', 'PodTemplate', 'ReplicationController', 'ResourceQuota', 'Secret',
      'ServiceAccount', 'Service', 'Status', 'DeleteOptions']],
    ['admissionregistration.k8s.io', 'v1', ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration',
      'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding']],
    ['apiextensions.k8s.io', 'v1', ['CustomResourceDefinition']],
    ['apiregistration.k8s.io', 'v1', ['APIService']],
    ['apps', 'v1', ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DeploymentList', 'DeleteOptions']],
    ['authentication.k8s.io', 'v1', ['SelfSubjectReview', 'TokenReview', 'TokenRequest']],
    ['authorization.k8s.io', 'v1', ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview']],
    ['autoscaling', 'v1', ['HorizontalPodAutoscaler', 'Scale']],
    ['autoscaling', 'v2', ['HorizontalPodAutoscaler']],
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
    ['storage.k8s.io', 'v1', ['CSIDriver', 'CSINode', 'CSIStorageCapacity', 'StorageClass', 'VolumeAttachment', 'VolumeAttributesClass']],
  ];

  test.each(SERVED)('%s/%s kinds have tagged definitions', (group, version, kinds) => {
    for (const kind of kinds) {
      const name = definitionNameFor({ group, version, kind });
      expect(name, `${group}/${version} ${kind}`).toBeDefined();
      const gvks = getDefinitions()[name!]['x-kubernetes-group-version-kind'];
      expect(gvks).toContainEqual({ group, version, kind });
    }
  });

  test('names follow upstream', () => {
    expect(definitionNameFor({ group: 'apps', version: 'v1', kind: 'Deployment' })).toBe(DEPLOYMENT);
    expect(definitionNameFor({ group: 'events.k8s.io', version: 'v1', kind: 'Event' })).toBe('io.k8s.api.events.v1.Event');
    expect(definitionNameFor({ group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition' }))
      .toBe('io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition');
    expect(definitionNameFor({ group: 'apps', version: 'v1', kind: 'DeleteOptions' })).toBe('io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions');
    const defs = getDefinitions();
    for (const name of ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'io.k8s.apimachinery.pkg.api.resource.Quantity',
      'io.k8s.apimachinery.pkg.util.intstr.IntOrString', 'io.k8s.apimachinery.pkg.apis.meta.v1.Time',
      'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps', 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch']) {
      expect(defs[name], name).toBeDefined();
    }
  });

  test('properties follow upstream v3 conventions', () => {
    const spec = getDefinitions()['io.k8s.api.apps.v1.DeploymentSpec'];
    expect(spec.required).toEqual(['selector', 'template']);
    expect(spec.properties!.template).toMatchObject({
      allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.PodTemplateSpec' }], default: {},
    });
    expect(spec.properties!.replicas).toMatchObject({ type: 'integer', format: 'int32' });
    expect(propertySchema(DEPLOYMENT, 'metadata.creationTimestamp')).toMatchObject({ type: 'string', format: 'date-time' });
    expect(propertySchema('io.k8s.api.core.v1.Secret', 'data')).toMatchObject({
      type: 'object', additionalProperties: { type: 'string', format: 'byte' },
    });
    expect(propertySchema(CONTAINER, 'resources.limits.{}')).toMatchObject({ format: 'quantity' });
    expect(propertySchema(DEPLOYMENT, 'spec.template.spec.containers[0].livenessProbe.httpGet.port'))
      .toMatchObject({ format: 'int-or-string', 'x-kubernetes-int-or-string': true });
    // Embedded Go structs are flattened: Volume has the VolumeSource members.
    expect(propertySchema(POD_SPEC, 'volumes[].emptyDir')).toBeDefined();
    expect(propertySchema(POD_SPEC, 'volumes[].volumeSource')).toBeUndefined();
  });
});

describe('patch metadata', () => {
  test('containers merge by name, ports by containerPort', () => {
    expect(listSemantics(POD_SPEC, 'containers')).toEqual({
      strategy: 'merge', mergeKey: 'name', listType: 'map', listMapKeys: ['name'],
    });
    expect(listSemantics(CONTAINER, 'ports')).toEqual({
      strategy: 'merge', mergeKey: 'containerPort', listType: 'map', listMapKeys: ['containerPort', 'protocol'],
    });
    expect(listSemantics(CONTAINER, 'env')).toMatchObject({ mergeKey: 'name' });
    expect(listSemantics(CONTAINER, 'volumeMounts')).toMatchObject({ mergeKey: 'mountPath' });
  });

  test('volumes merge by name and retain keys; deployment strategy retains keys', () => {
    expect(listSemantics(POD_SPEC, 'volumes')).toEqual({
      strategy: 'merge,retainKeys', mergeKey: 'name', listType: 'map', listMapKeys: ['name'],
    });
    expect(listSemantics('io.k8s.api.apps.v1.DeploymentSpec', 'strategy')).toEqual({ strategy: 'retainKeys' });
  });

  test('atomic lists, sets, maps and structs', () => {
    expect(listSemantics('io.k8s.api.rbac.v1.Role', 'rules')).toEqual({ listType: 'atomic' });
    expect(listSemantics('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'finalizers')).toEqual({ strategy: 'merge', listType: 'set' });
    expect(listSemantics(POD_SPEC, 'nodeSelector')).toEqual({ mapType: 'atomic' });
    expect(listSemantics('io.k8s.api.apps.v1.DeploymentSpec', 'selector')).toEqual({ mapType: 'atomic' });
    expect(listSemantics('io.k8s.api.core.v1.PodStatus', 'conditions')).toMatchObject({ mergeKey: 'type', listType: 'map' });
    expect(listSemantics(CONTAINER, 'image')).toEqual({});
  });

  test('nodes walk into children, list items and map values', () => {
    const spec = schemaNode(DEPLOYMENT)!.child('spec')!.child('template')!.child('spec')!;
    expect(spec.definition).toBe(POD_SPEC);
    const containers = spec.child('containers')!;
    expect(containers.kind).toBe('array');
    expect(containers.mergeKey).toBe('name');
    const container = containers.items()!;
    expect(container.definition).toBe(CONTAINER);
    expect(container.child('ports')!.listMapKeys).toEqual(['containerPort', 'protocol']);
    const labels = schemaNode(DEPLOYMENT)!.child('metadata')!.child('labels')!;
    expect(labels.kind).toBe('map');
    expect(labels.mapValues()!.kind).toBe('scalar');
    expect(schemaNode('io.k8s.apimachinery.pkg.runtime.RawExtension')!.kind).toBe('unknown');
    expect(schemaNode(DEPLOYMENT)!.zeroFields()).toEqual([
      { name: 'metadata', zero: 'empty' }, { name: 'spec', zero: 'empty' }, { name: 'status', zero: 'empty' },
    ]);
  });
});

describe('unknown fields', () => {
  test('a valid object has none', () => {
    expect(findUnknownFields(deployment, DEPLOYMENT)).toEqual([]);
  });

  test('are reported with upstream paths, in document order', () => {
    const bad = structuredClone(deployment) as Record<string, any>;
    bad.spec.bogusField = true;
    bad.spec.template.spec.containers[0].bogus = 1;
    bad.spec.template.spec.volumes[0].emptyDir.what = 'x';
    bad.metadata.labelz = {};
    expect(findUnknownFields(bad, DEPLOYMENT)).toEqual([
      'metadata.labelz',
      'spec.template.spec.containers[0].bogus',
      'spec.template.spec.volumes[0].emptyDir.what',
      'spec.bogusField',
    ]);
  });

  test('kinds without status reject one; maps and preserved fields accept anything', () => {
    expect(findUnknownFields({ apiVersion: 'v1', kind: 'ConfigMap', data: { any: 'key' }, status: {} }, 'io.k8s.api.core.v1.ConfigMap'))
      .toEqual(['status']);
    const revision = { apiVersion: 'apps/v1', kind: 'ControllerRevision', revision: 1, data: { whatever: { deep: [1] } } };
    expect(findUnknownFields(revision, 'io.k8s.api.apps.v1.ControllerRevision')).toEqual([]);
    const managed = { metadata: { managedFields: [{ manager: 'm', fieldsV1: { 'f:spec': { 'f:x': {} } } }] } };
    expect(findUnknownFields(managed, DEPLOYMENT)).toEqual([]);
  });

  test('CRD schemas keep arbitrary JSON where JSONSchemaProps allows it', () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        names: { plural: 'widgets', kind: 'Widget' },
        scope: 'Namespaced',
        versions: [{
          name: 'v1', served: true, storage: true,
          subresources: { status: {} },
          schema: { openAPIV3Schema: {
            type: 'object',
            properties: { spec: { type: 'object', default: { size: 1 }, 'x-kubernetes-preserve-unknown-fields': true,
              items: { type: 'string' }, additionalProperties: true, enum: [1, 'a'] } },
          } },
        }],
      },
    };
    const name = 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition';
    expect(findUnknownFields(crd, name)).toEqual([]);
    (crd.spec.versions[0].schema.openAPIV3Schema as Record<string, unknown>).bogus = 1;
    (crd.spec.versions[0].subresources.status as Record<string, unknown>).x = 1;
    expect(findUnknownFields(crd, name)).toEqual([
      'spec.versions[0].subresources.status.x',
      'spec.versions[0].schema.openAPIV3Schema.bogus',
    ]);
  });

  test('prune drops exactly those fields and leaves the input alone', () => {
    const bad = structuredClone(deployment) as Record<string, any>;
    bad.spec.bogusField = true;
    bad.spec.template.spec.containers[0].bogus = 1;
    const pruned = prune(bad, DEPLOYMENT);
    expect(pruned).toEqual(deployment);
    expect(bad.spec.bogusField).toBe(true);
  });
});

describe('type checks', () => {
  test('a valid object passes, quantities and int-or-strings accept both forms', () => {
    expect(checkTypes(deployment, DEPLOYMENT)).toEqual([]);
  });

  test('mismatches read like upstream validation', () => {
    const bad = structuredClone(deployment) as Record<string, any>;
    bad.spec.replicas = 'three';
    bad.spec.template.spec.containers[0].ports[0].containerPort = 80.5;
    bad.spec.template.spec.containers[0].livenessProbe.httpGet.port = true;
    bad.metadata.labels = ['a'];
    bad.spec.paused = 'yes';
    expect(checkTypes(bad, DEPLOYMENT)).toEqual([
      { field: 'metadata.labels', type: 'FieldValueTypeInvalid', message: 'Invalid value: "array": metadata.labels in body must be of type object: "array"' },
      { field: 'spec.replicas', type: 'FieldValueTypeInvalid', message: 'Invalid value: "string": spec.replicas in body must be of type integer: "string"' },
      {
        field: 'spec.template.spec.containers[0].ports[0].containerPort',
        type: 'FieldValueTypeInvalid',
        message: 'Invalid value: "number": spec.template.spec.containers[0].ports[0].containerPort in body must be of type integer: "number"',
      },
      {
        field: 'spec.template.spec.containers[0].livenessProbe.httpGet.port',
        type: 'FieldValueTypeInvalid',
        message: 'Invalid value: "boolean": spec.template.spec.containers[0].livenessProbe.httpGet.port in body must be of type integer,string: "boolean"',
      },
      { field: 'spec.paused', type: 'FieldValueTypeInvalid', message: 'Invalid value: "string": spec.paused in body must be of type boolean: "string"' },
    ]);
  });

  test('null is never a type error', () => {
    expect(checkTypes({ spec: { replicas: null, template: null } }, DEPLOYMENT)).toEqual([]);
  });
});
