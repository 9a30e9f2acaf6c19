export type SchemaMap = Record<string, Record<string, unknown>>;

const REF = '#/components/schemas/';

/** Every definition reachable from `roots` by $ref. */
export function closure(defs: SchemaMap, roots: string[]): SchemaMap {
  const out: SchemaMap = {};
  const stack = [...roots];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
        if (k === '$ref' && typeof v === 'string' && v.startsWith(REF)) stack.push(v.slice(REF.length));
        else visit(v);
      }
    }
  };
  while (stack.length) {
    const name = stack.pop()!;
    if (out[name] || !defs[name]) continue;
    out[name] = defs[name];
    visit(defs[name]);
  }
  return out;
}
