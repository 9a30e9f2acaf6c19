export type ResponseShape = 'object' | 'table' | 'partial';

export interface AcceptChoice {
  shape: ResponseShape;
  /** The client also takes plain JSON. */
  json: boolean;
  /** Only media types we cannot produce were offered. */
  unacceptable: boolean;
}

/**
 * Reads Accept like upstream's negotiation: the first clause we can serve wins; protobuf
 * requests that also accept JSON get JSON.
 */
export function negotiate(accept: string | undefined): AcceptChoice {
  if (!accept) return { shape: 'object', json: true, unacceptable: false };
  let sawServable = false;
  for (const clause of accept.split(',')) {
    const [type, ...params] = clause.split(';').map((s) => s.trim());
    const p: Record<string, string> = {};
    for (const kv of params) {
      const [k, v] = kv.split('=');
      if (k && v !== undefined) p[k.trim()] = v.trim();
    }
    if (type === 'application/json' || type === '*/*' || type === 'application/*' || type === 'application/yaml') {
      if (p.as === 'Table' && (p.g === 'meta.k8s.io' || !p.g)) return { shape: 'table', json: true, unacceptable: false };
      if ((p.as === 'PartialObjectMetadata' || p.as === 'PartialObjectMetadataList') && (p.g === 'meta.k8s.io' || !p.g)) return { shape: 'partial', json: true, unacceptable: false };
      if (!p.as) sawServable = true;
      if (sawServable) return { shape: 'object', json: true, unacceptable: false };
    }
  }
  return { shape: 'object', json: true, unacceptable: !sawServable };
}
