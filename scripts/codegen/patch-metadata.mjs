// Merges the hand-written patch metadata (core/api/schema/patch-metadata.ts)
// into the generated definitions. The table is TypeScript so the runtime can
// type-check it; here it is stripped with esbuild and imported on its own.
import fs from 'node:fs';

async function loadTable(tsPath) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    throw new Error('esbuild is not installed; run `npm install` first');
  }
  const { code } = esbuild.transformSync(fs.readFileSync(tsPath, 'utf8'), { loader: 'ts', format: 'esm' });
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

const LIST_KEYS = ['x-kubernetes-list-type', 'x-kubernetes-list-map-keys', 'x-kubernetes-patch-merge-key'];

/**
 * @param {Map<string, any>} definitions mutated in place
 * @param {string} tsPath
 * @returns {Promise<string[]>} warnings
 */
export async function mergePatchMetadata(definitions, tsPath) {
  const { PROPERTY_PATCH_METADATA, STRUCT_PATCH_METADATA } = await loadTable(tsPath);
  const errors = [];
  for (const [def, props] of Object.entries(PROPERTY_PATCH_METADATA)) {
    const schema = definitions.get(def);
    if (!schema) {
      errors.push(`${def}: no such definition`);
      continue;
    }
    for (const [prop, markers] of Object.entries(props)) {
      const target = schema.properties?.[prop];
      if (!target) {
        errors.push(`${def}.${prop}: no such property`);
        continue;
      }
      if (LIST_KEYS.some((k) => k in markers) && target.type !== 'array') {
        errors.push(`${def}.${prop}: list markers on a non-list property`);
      }
      Object.assign(target, markers);
    }
  }
  for (const [def, markers] of Object.entries(STRUCT_PATCH_METADATA)) {
    const schema = definitions.get(def);
    if (!schema) errors.push(`${def}: no such definition`);
    else Object.assign(schema, markers);
  }
  if (errors.length > 0) throw new Error(`patch-metadata.ts does not match the API:\n  ${errors.join('\n  ')}`);

  // Conditions are always keyed by type upstream; a bare one here means the
  // table missed it and SMP would replace the whole list.
  const warnings = [];
  for (const [def, schema] of definitions) {
    const conditions = schema?.properties?.conditions;
    if (conditions?.type === 'array' && !conditions['x-kubernetes-list-type']) {
      warnings.push(`${def}.conditions has no list semantics in patch-metadata.ts`);
    }
  }
  return warnings;
}
