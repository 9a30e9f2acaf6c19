/** The smallest string greater than every string that starts with `prefix`. */
export function prefixEnd(prefix: string): string {
  if (!prefix) return '\uffff';
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/** The index bucket of a key: its first two segments (`/apps/deployments/`). */
export function bucketOf(key: string): string {
  const second = key.indexOf('/', 1);
  const third = second < 0 ? -1 : key.indexOf('/', second + 1);
  return third < 0 ? key : key.slice(0, third + 1);
}
