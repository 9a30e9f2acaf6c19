import type { FieldError } from '../api/errors.js';
import type { KubeObject } from '../api/types.js';
import type { RequestContext } from './context.js';
import type { NameRule } from './validation/names.js';

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';
export const ALL_VERBS: Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** A column of `kubectl get`, as the Table response defines it. */
export interface TableColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format?: string;
  description?: string;
  /** 0 is always printed; 1 only with `-o wide`. */
  priority?: number;
}

export interface TablePrinter {
  columns: TableColumn[];
  /** One cell per column, in order. `now` is for ages. */
  row(obj: KubeObject, now: number): Array<string | number | boolean | null>;
}

export interface ScaleSubresource {
  /** Dotted JSON paths, like the CRD scale subresource. */
  specReplicasPath: string;
  statusReplicasPath: string;
  labelSelectorPath?: string;
}

/**
 * Per-kind policy, run by the generic pipeline in a fixed order:
 * decode → default → prepare → admit → validate → store. Every hook is optional.
 */
export interface Strategy {
  /** Fill in defaults on a draft the hook may mutate, as upstream's defaulters do. */
  defaults?(obj: KubeObject, ctx: RequestContext): void;
  /** Clear what a create may not set (status on kinds with a status subresource, ...). */
  prepareForCreate?(obj: KubeObject, ctx: RequestContext): void;
  /** Carry over what an update of the main resource may not change. */
  prepareForUpdate?(obj: KubeObject, old: KubeObject, ctx: RequestContext): void;
  /** Cross-object checks and mutations that need the cluster (namespaces, quotas, allocation). */
  admit?(obj: KubeObject, old: KubeObject | undefined, ctx: RequestContext): Promise<void> | void;
  validate?(obj: KubeObject, ctx: RequestContext): FieldError[];
  validateUpdate?(obj: KubeObject, old: KubeObject, ctx: RequestContext): FieldError[];
  /** Warnings printed by kubectl as `Warning: ...`. */
  warnings?(obj: KubeObject, old: KubeObject | undefined): string[];
}

/** How objects of a non-storage version are converted to and from the stored version. */
export interface VersionConverter {
  toStorage(obj: KubeObject): KubeObject;
  fromStorage(obj: KubeObject): KubeObject;
}

export interface ResourceDescriptor {
  group: string;
  version: string;
  kind: string;
  /** The resource name in URLs: `deployments`. */
  plural: string;
  singular: string;
  listKind: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs?: Verb[];
  /** The OpenAPI definition that describes the object, for validation, explain and patching. */
  definition?: string;
  /** Which subresources are served. `status` splits spec from status writes. */
  subresources?: {
    status?: boolean;
    scale?: ScaleSubresource;
    /** Other subresources served (logs, exec, binding...), each by its own handler. */
    extra?: string[];
    /** Subresources whose writes change only one field (`finalize` → `spec.finalizers`). */
    fieldPaths?: Record<string, string>;
  };
  /** Whether spec changes bump metadata.generation. */
  generation?: boolean;
  strategy?: Strategy;
  table?: TablePrinter;
  /** Extra field selector labels beyond metadata.name and metadata.namespace. */
  fieldSelectors?: Record<string, (obj: KubeObject) => string | undefined>;
  /** Set when this version is served but stored as another version of the same resource. */
  converter?: VersionConverter;
  /** Resources that never persist (reviews): create answers the computed object. */
  virtual?: (obj: KubeObject, ctx: RequestContext) => KubeObject | Promise<KubeObject>;
  /** Deletions wait this long by default (pods: 30s) unless the object says otherwise. */
  gracefulDeletion?: (obj: KubeObject) => number | undefined;
  /** A CRD-defined kind: strategic merge patch is refused, unknown fields pruned by its schema. */
  custom?: boolean;
  /** A custom kind's openAPIV3Schema, which validates, prunes and defaults it. */
  structural?: Record<string, unknown>;
  /** How metadata.name is checked; DNS subdomain unless said otherwise. */
  nameRule?: NameRule;
  /**
   * Called when a delete starts on a draft the hook may mutate; returns true when the
   * object must wait for something besides metadata.finalizers (a namespace's spec.finalizers).
   */
  beforeDelete?: (draft: KubeObject) => boolean;
  /** Whether an object marked for deletion still waits on kind-specific finalizers. */
  pendingFinalizers?: (obj: KubeObject) => boolean;
  storageVersionHash?: string;
}

export function gvkOf(d: ResourceDescriptor): { group: string; version: string; kind: string } {
  return { group: d.group, version: d.version, kind: d.kind };
}

export function apiVersionOfDescriptor(d: ResourceDescriptor): string {
  return d.group ? `${d.group}/${d.version}` : d.version;
}
