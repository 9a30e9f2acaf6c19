// The YAML the editor shows: the live object without managedFields (noise for a person, and
// owned by the server anyway), printed with YAML 1.1 rules as kubectl reads them.
import { stringify } from 'yaml';
import type { KubeObject } from '../../bridge/index.js';

export function editableYaml(o: KubeObject, opts: { maskSecrets: boolean }): string {
  const { managedFields: _mf, ...metadata } = o.metadata;
  let copy: KubeObject = { ...o, metadata };
  if (opts.maskSecrets && o.kind === 'Secret') {
    const mask = (d: Record<string, string> | undefined) => (d ? Object.fromEntries(Object.keys(d).map((k) => [k, '(hidden)'])) : undefined);
    copy = { ...copy, data: mask(o.data), stringData: mask(o.stringData) };
    if (!copy.data) delete copy.data;
    if (!copy.stringData) delete copy.stringData;
  }
  return stringify(copy, { version: '1.1', lineWidth: 0 });
}
