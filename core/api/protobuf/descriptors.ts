// The descriptor table written by scripts/codegen (proto-descriptors.json),
// compiled on first use into per-message lookups by field number.
import { loadGeneratedJson } from '../generated-data.js';

export type ScalarKind =
  | 'string' | 'bytes' | 'bool'
  | 'int32' | 'int64' | 'uint32' | 'uint64' | 'sint32' | 'sint64'
  | 'fixed32' | 'fixed64' | 'sfixed32' | 'sfixed64' | 'double' | 'float' | 'enum';
export type FieldKind = ScalarKind | 'message';

/** How a message's JSON differs from its proto struct (custom Go marshalling). */
export type SpecialKind =
  | 'time' | 'microTime' | 'duration' | 'intOrString' | 'quantity' | 'rawExtension' | 'fieldsV1' | 'list';

/** [number, jsonName, kind, typeName, repeated, nullable, inline, keepZero] */
export type FieldRow = [number, string, FieldKind, string | null, boolean, boolean, boolean, boolean];

export interface DescriptorTable {
  /** API group → proto package prefix; "" is the core group. */
  groups: Record<string, string>;
  messages: Record<string, {
    fields: FieldRow[];
    mapEntry?: [FieldKind, FieldKind, string | null];
    special?: SpecialKind;
  }>;
}

export interface FieldDescriptor {
  /** Position in the message's field list (Go struct order, which JSON output follows). */
  index: number;
  number: number;
  jsonName: string;
  kind: FieldKind;
  typeName: string | null;
  repeated: boolean;
  /** false for Go non-pointer fields, whose zero value is indistinguishable from "unset". */
  nullable: boolean;
  /** A Go embedded struct whose fields appear directly in the parent's JSON. */
  inline: boolean;
  /** A non-pointer scalar without omitempty: Go writes its zero value to JSON. */
  keepZero: boolean;
  /** Set when typeName names a map entry message. */
  isMap: boolean;
}

export interface MessageDescriptor {
  name: string;
  fields: FieldDescriptor[];
  byNumber: Map<number, FieldDescriptor>;
  special: SpecialKind | undefined;
  isMapEntry: boolean;
}

let table: DescriptorTable | undefined;
const compiled = new Map<string, MessageDescriptor>();

function loadTable(): DescriptorTable {
  table ??= loadGeneratedJson<DescriptorTable>('proto-descriptors.json');
  return table;
}

/** Test hook: decode against a hand-made table instead of the generated one. */
export function useDescriptorTable(custom: DescriptorTable | undefined): void {
  table = custom;
  compiled.clear();
}

export function protoPackageForGroup(group: string): string | undefined {
  const groups = loadTable().groups;
  return Object.hasOwn(groups, group) ? groups[group] : undefined;
}

export function findMessage(name: string): MessageDescriptor | undefined {
  const cached = compiled.get(name);
  if (cached) return cached;
  const messages = loadTable().messages;
  if (!Object.hasOwn(messages, name)) return undefined;
  const raw = messages[name];
  const fields = raw.fields.map(([number, jsonName, kind, typeName, repeated, nullable, inline, keepZero], index) => ({
    index,
    number,
    jsonName,
    kind,
    typeName,
    repeated,
    nullable,
    inline,
    keepZero,
    isMap: repeated && typeName !== null && Object.hasOwn(messages, typeName) && messages[typeName].mapEntry !== undefined,
  }));
  const message: MessageDescriptor = {
    name,
    fields,
    byNumber: new Map(fields.map((f) => [f.number, f])),
    special: raw.special,
    isMapEntry: raw.mapEntry !== undefined,
  };
  compiled.set(name, message);
  return message;
}
