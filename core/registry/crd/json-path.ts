/**
 * The JSONPath subset CRD printer columns use: `.spec.replicas`, `.status.conditions[0].type`,
 * `.metadata.labels.app`, and a filter `[?(@.type=="Ready")]`.
 */
export function evalJsonPath(obj: unknown, expr: string): unknown {
  let path = expr.trim();
  if (path.startsWith('{') && path.endsWith('}')) path = path.slice(1, -1);
  if (path.startsWith('$')) path = path.slice(1);
  const tokens = path.match(/\.[^.[]+|\[[^\]]*\]/g) ?? [];
  let cur: unknown = obj;
  for (const t of tokens) {
    if (cur === undefined || cur === null) return undefined;
    if (t.startsWith('.')) {
      cur = typeof cur === 'object' ? (cur as Record<string, unknown>)[t.slice(1)] : undefined;
      continue;
    }
    const inner = t.slice(1, -1);
    if (/^-?\d+$/.test(inner)) {
      if (!Array.isArray(cur)) return undefined;
      const i = Number(inner);
      cur = cur[i < 0 ? cur.length + i : i];
      continue;
    }
    const f = /^\?\(@\.([\w.-]+)\s*==\s*["']?([^"']*)["']?\)$/.exec(inner);
    if (f && Array.isArray(cur)) {
      cur = cur.find((item) => String(evalJsonPath(item, `.${f[1]}`)) === f[2]);
      continue;
    }
    if (/^["'].*["']$/.test(inner)) {
      cur = typeof cur === 'object' ? (cur as Record<string, unknown>)[inner.slice(1, -1)] : undefined;
      continue;
    }
    return undefined;
  }
  return cur;
}
