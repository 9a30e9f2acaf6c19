// Writes the compact descriptor table the runtime protobuf decoder reads.
//
// Shape (documented for core/api/protobuf):
//   {
//     "groups": { "<api group>": "<proto package prefix>" },   // "" is core
//     "messages": {
//       "<proto full name>": {
//         "fields": [[number, jsonName, kind, typeName|null, repeated, nullable, inline, keepZero], ...],
//         "mapEntry"?: [keyKind, valueKind, valueTypeName|null],
//         "special"?: "time"|"microTime"|"duration"|"intOrString"|"quantity"|"rawExtension"|"fieldsV1"|"list"
//       }
//     }
//   }
// kind is the proto scalar kind or "message"; nullable=false marks a Go
// non-pointer field; inline marks an embedded struct flattened into the
// parent's JSON; keepZero marks a non-pointer scalar whose JSON tag has no
// omitempty (Go writes its zero value). "list" is a Go named slice carried as a
// message with one repeated field.
import { SPECIAL_MESSAGES } from './special-types.mjs';
import { GROUP_PROTO_PACKAGES } from './api-groups.mjs';

/**
 * @param {Map<string, any>} protoMessages
 * @param {string[]} roots
 * @param {ReturnType<import('./schema-walk.mjs').createSchemaWalker>} walker
 */
export function buildProtoTable(protoMessages, roots, walker) {
  const messages = {};
  const pending = [...roots];
  const seen = new Set();
  while (pending.length > 0) {
    const name = pending.pop();
    if (seen.has(name)) continue;
    seen.add(name);
    const message = protoMessages.get(name);
    if (!message) throw new Error(`proto table: unknown message ${name}`);
    const special = SPECIAL_MESSAGES[name]?.special ?? (walker.sliceAliases.has(name) ? 'list' : undefined);
    const entry = {
      fields: message.fields.map((f) => {
        const key = `${name}#${f.name}`;
        if (f.typeName) pending.push(f.typeName);
        if (!walker.walkedMessages.has(name) && !special && f.type === 'message' && f.label !== 3 &&
            f.options.customname === f.typeName.slice(f.typeName.lastIndexOf('.') + 1) && f.options.nullable === false) {
          walker.warnings.push(`proto table: ${key} looks embedded but ${name} was never walked; treated as a named field`);
        }
        return [
          f.number,
          walker.jsonNameOverrides.get(key) ?? f.name,
          f.type,
          f.typeName ?? null,
          f.label === 3,
          f.options.nullable !== false,
          walker.inlineFields.has(key),
          walker.keepZeroFields.has(key),
        ];
      }),
    };
    if (message.mapEntry) {
      const key = message.fields.find((f) => f.number === 1);
      const value = message.fields.find((f) => f.number === 2);
      entry.mapEntry = [key.type, value.type, value.typeName ?? null];
    }
    if (special) entry.special = special;
    messages[name] = entry;
  }
  const sorted = Object.fromEntries(Object.keys(messages).sort().map((k) => [k, messages[k]]));
  return { groups: GROUP_PROTO_PACKAGES, messages: sorted };
}
