export { CrdSync, crdBehavior, CLEANUP_FINALIZER } from './crd-sync.js';
export { crdSchemaChecks, crdOpenApiSchemas } from './schema-checks.js';
export { crdDescriptors, crdDefinitionName } from './crd-descriptors.js';
