import type { KubeObject } from '../../api/types.js';
import { age } from '../../api/duration.js';
import type { ResourceDescriptor, TableColumn, TablePrinter } from '../descriptor.js';
import { evalJsonPath } from './json-path.js';
import type { Structural } from './structural.js';

interface PrinterColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

interface CrdVersion {
  name: string;
  served?: boolean;
  storage?: boolean;
  schema?: { openAPIV3Schema?: Structural };
  subresources?: { status?: object; scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string } };
  additionalPrinterColumns?: PrinterColumn[];
}

const AGE: PrinterColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };

/** The OpenAPI name of a custom kind: the group reversed, as upstream publishes it. */
export function crdDefinitionName(group: string, version: string, kind: string): string {
  return `${group.split('.').reverse().join('.')}.${version}.${kind}`;
}

function printer(columns: PrinterColumn[]): TablePrinter {
  const cols: TableColumn[] = [
    { name: 'Name', type: 'string', format: 'name', description: 'Name of the resource', priority: 0 },
    ...columns.map((c) => ({ name: c.name, type: (c.type as TableColumn['type']) ?? 'string', format: c.format ?? '', description: c.description ?? '', priority: c.priority ?? 0 })),
  ];
  return {
    columns: cols,
    row(obj: KubeObject, now: number) {
      return [
        obj.metadata.name ?? '',
        ...columns.map((c) => {
          const v = evalJsonPath(obj, c.jsonPath);
          if (v === undefined || v === null) return null;
          if (c.type === 'date' && typeof v === 'string') return c.jsonPath === '.metadata.creationTimestamp' ? age(v, now) : v;
          if (typeof v === 'object') return JSON.stringify(v);
          return v as string | number | boolean;
        }),
      ];
    },
  };
}

/** One descriptor per served version of a CRD; non-storage versions convert by rewriting apiVersion. */
export function crdDescriptors(crd: KubeObject): { descriptors: ResourceDescriptor[]; versions: string[] } {
  const spec = crd.spec ?? {};
  const group: string = spec.group;
  const names = spec.names ?? {};
  const versions: CrdVersion[] = spec.versions ?? [];
  const storage = versions.find((v) => v.storage)?.name ?? versions[0]?.name;
  const served = versions.filter((v) => v.served !== false);
  const descriptors = served.map((v): ResourceDescriptor => {
    const columns = v.additionalPrinterColumns?.length ? v.additionalPrinterColumns : [AGE];
    const schema = v.schema?.openAPIV3Schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    const subs = v.subresources ?? {};
    return {
      group,
      version: v.name,
      kind: names.kind,
      plural: names.plural,
      singular: names.singular ?? String(names.kind).toLowerCase(),
      listKind: names.listKind ?? `${names.kind}List`,
      namespaced: spec.scope !== 'Cluster',
      shortNames: names.shortNames,
      categories: names.categories,
      definition: crdDefinitionName(group, v.name, names.kind),
      custom: true,
      structural: schema as Record<string, unknown>,
      generation: true,
      subresources: {
        ...(subs.status ? { status: true } : {}),
        ...(subs.scale ? { scale: subs.scale } : {}),
      },
      table: printer(columns),
      ...(v.name !== storage
        ? {
            converter: {
              toStorage: (o: KubeObject) => ({ ...o, apiVersion: `${group}/${storage}` }),
              fromStorage: (o: KubeObject) => ({ ...o, apiVersion: `${group}/${v.name}` }),
            },
          }
        : {}),
    };
  });
  return { descriptors, versions: served.map((v) => v.name) };
}
