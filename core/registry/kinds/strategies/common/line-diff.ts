// Since 1.34 upstream appends a unified diff of the two objects, as indented JSON, to its
// "may not change" messages. This writes the same shape so users can see what moved.

const CONTEXT = 3;

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  return v;
}

type Op = { kind: ' ' | '-' | '+'; line: string };

function diffLines(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i++] });
      j++;
    } else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      ops.push({ kind: '-', line: a[i++] });
    } else {
      ops.push({ kind: '+', line: b[j++] });
    }
  }
  return ops;
}

/** A unified diff (hunks with three lines of context) of two values as sorted, indented JSON. */
export function unifiedDiff(before: unknown, after: unknown): string {
  const a = JSON.stringify(sortKeys(before) ?? null, null, 1).split('\n');
  const b = JSON.stringify(sortKeys(after) ?? null, null, 1).split('\n');
  const ops = diffLines(a, b);
  const changed = ops.map((o, k) => (o.kind !== ' ' ? k : -1)).filter((k) => k >= 0);
  if (!changed.length) return '';
  const out: string[] = [];
  let k = 0;
  while (k < changed.length) {
    const start = Math.max(0, changed[k] - CONTEXT);
    let end = Math.min(ops.length, changed[k] + CONTEXT + 1);
    while (k + 1 < changed.length && changed[k + 1] - CONTEXT <= end) end = Math.min(ops.length, changed[++k] + CONTEXT + 1);
    k++;
    const before = ops.slice(0, start);
    const aStart = before.filter((o) => o.kind !== '+').length;
    const bStart = before.filter((o) => o.kind !== '-').length;
    const hunk = ops.slice(start, end);
    const aLen = hunk.filter((o) => o.kind !== '+').length;
    const bLen = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${aStart + 1},${aLen} +${bStart + 1},${bLen} @@`);
    for (const o of hunk) out.push(`${o.kind} ${o.line}`);
  }
  return `${out.join('\n')}\n`;
}
