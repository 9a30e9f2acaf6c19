import type { KubeObject } from '../../api/types.js';
import type { SchemaRef } from '../managed-fields/types.js';

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export const PATCH_CONTENT_TYPES: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
  'application/apply-patch+json': 'apply',
};

/** Applies a strategic merge patch (directives included) to `original`, driven by the schema's patch metadata. */
export type StrategicMergePatch = (original: KubeObject, patch: Record<string, unknown>, schema: SchemaRef) => KubeObject;
