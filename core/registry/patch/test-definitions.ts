// Small OpenAPI v3 definitions in the generated file's shape (object references
// through one-element allOf, patch and list markers on the properties), enough
// of a Deployment and a Node for the patch and field-management tests.
import type { OpenApiDefinitions } from './openapi-schema-node.js';
import { schemaNodeFromOpenApi } from './openapi-schema-node.js';
import type { SchemaNode } from './schema-walker.js';

const ref = (name: string) => ({ allOf: [{ $ref: `#/components/schemas/${name}` }] });
const struct = (name: string) => ({ ...ref(name), default: {} });
const str = { type: 'string' };
const int = { type: 'integer', format: 'int32' };
const stringMap = { type: 'object', additionalProperties: str };
const keyed = (item: string, mergeKey: string, ...more: string[]) => ({
  type: 'array',
  items: { ...ref(item), default: {} },
  'x-kubernetes-patch-strategy': 'merge',
  'x-kubernetes-patch-merge-key': mergeKey,
  'x-kubernetes-list-type': 'map',
  'x-kubernetes-list-map-keys': [mergeKey, ...more],
});

export const TEST_DEFINITIONS: OpenApiDefinitions = {
  'test.Deployment': {
    type: 'object',
    properties: { apiVersion: str, kind: str, metadata: struct('test.ObjectMeta'), spec: struct('test.DeploymentSpec'), status: struct('test.DeploymentStatus') },
  },
  'test.ObjectMeta': {
    type: 'object',
    properties: {
      name: str,
      namespace: str,
      uid: str,
      resourceVersion: str,
      generation: { type: 'integer', format: 'int64' },
      creationTimestamp: { type: 'string', format: 'date-time' },
      labels: stringMap,
      annotations: stringMap,
      finalizers: { type: 'array', items: { ...str, default: '' }, 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-list-type': 'set' },
      ownerReferences: keyed('test.OwnerReference', 'uid'),
      managedFields: { type: 'array', items: { type: 'object', properties: { manager: str } }, 'x-kubernetes-list-type': 'atomic' },
    },
  },
  'test.OwnerReference': { type: 'object', required: ['uid', 'name'], properties: { uid: str, name: str, kind: str } },
  'test.DeploymentSpec': {
    type: 'object',
    required: ['selector', 'template'],
    properties: {
      replicas: int,
      paused: { type: 'boolean' },
      selector: ref('test.LabelSelector'),
      template: struct('test.PodTemplateSpec'),
      strategy: { ...struct('test.DeploymentStrategy'), 'x-kubernetes-patch-strategy': 'retainKeys' },
    },
  },
  'test.DeploymentStatus': { type: 'object', properties: { replicas: int, observedGeneration: int } },
  'test.LabelSelector': { type: 'object', 'x-kubernetes-map-type': 'atomic', properties: { matchLabels: stringMap } },
  'test.DeploymentStrategy': { type: 'object', properties: { type: str, rollingUpdate: ref('test.RollingUpdate') } },
  'test.RollingUpdate': {
    type: 'object',
    properties: { maxSurge: { 'x-kubernetes-int-or-string': true }, maxUnavailable: { 'x-kubernetes-int-or-string': true } },
  },
  'test.PodTemplateSpec': { type: 'object', properties: { metadata: struct('test.ObjectMeta'), spec: struct('test.PodSpec') } },
  'test.PodSpec': {
    type: 'object',
    required: ['containers'],
    properties: {
      containers: keyed('test.Container', 'name'),
      volumes: { ...keyed('test.Volume', 'name'), 'x-kubernetes-patch-strategy': 'merge,retainKeys' },
      tolerations: { type: 'array', items: ref('test.Toleration'), 'x-kubernetes-list-type': 'atomic' },
      nodeSelector: { ...stringMap, 'x-kubernetes-map-type': 'atomic' },
      restartPolicy: str,
    },
  },
  'test.Container': {
    type: 'object',
    required: ['name'],
    properties: {
      name: str,
      image: str,
      args: { type: 'array', items: str, 'x-kubernetes-list-type': 'atomic' },
      env: keyed('test.EnvVar', 'name'),
      ports: keyed('test.ContainerPort', 'containerPort', 'protocol'),
      resources: struct('test.ResourceRequirements'),
    },
  },
  'test.ContainerPort': { type: 'object', required: ['containerPort'], properties: { containerPort: int, protocol: { ...str, default: 'TCP' }, name: str } },
  'test.EnvVar': { type: 'object', required: ['name'], properties: { name: str, value: str } },
  'test.ResourceRequirements': { type: 'object', properties: { limits: stringMap, requests: stringMap } },
  'test.Volume': { type: 'object', required: ['name'], properties: { name: str, emptyDir: { type: 'object', properties: { medium: str } }, configMap: { type: 'object', properties: { name: str } } } },
  'test.Toleration': { type: 'object', properties: { key: str, value: str, effect: str } },
  'test.Node': { type: 'object', properties: { apiVersion: str, kind: str, metadata: struct('test.ObjectMeta'), spec: struct('test.NodeSpec') } },
  'test.NodeSpec': { type: 'object', properties: { unschedulable: { type: 'boolean' }, podCIDR: str } },
};

export const deploymentSchema = (): SchemaNode => schemaNodeFromOpenApi(TEST_DEFINITIONS, 'test.Deployment');
export const nodeSchema = (): SchemaNode => schemaNodeFromOpenApi(TEST_DEFINITIONS, 'test.Node');

/** A Deployment the way the store holds one after defaulting. */
export function liveDeployment(): Record<string, unknown> & { metadata: Record<string, unknown> } {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', uid: 'u1', resourceVersion: '7', generation: 1, labels: { app: 'web' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            { name: 'web', image: 'nginx:1.25', ports: [{ containerPort: 80, protocol: 'TCP' }], env: [{ name: 'A', value: '1' }] },
            { name: 'sidecar', image: 'busybox', args: ['sleep', '3600'] },
          ],
          restartPolicy: 'Always',
        },
      },
    },
  };
}
