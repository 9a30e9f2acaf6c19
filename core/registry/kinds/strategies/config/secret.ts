import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import type { KubeObject } from '../../../../api/types.js';
import type { KindBehavior } from '../../behavior.js';
import { immutable, invalid, isObject, required, tooLong, type Errors } from '../common/field.js';
import { canonicalBytes, decodedSize, immutableErrors, keyErrors, MAX_DATA_BYTES } from './data-keys.js';

type Obj = Record<string, any>;

/** v1 conversion folds write-only stringData into data before anything else sees the Secret. */
export function secretDefaults(obj: KubeObject): void {
  obj.type ||= 'Opaque';
  canonicalBytes(obj, 'data');
  if (isObject(obj.stringData)) {
    obj.data = isObject(obj.data) ? obj.data : {};
    for (const [k, v] of Object.entries(obj.stringData)) obj.data[k] = Buffer.from(String(v), 'utf8').toString('base64');
  }
  delete obj.stringData;
}

const bytesOf = (data: Obj, key: string) => (typeof data[key] === 'string' ? Buffer.from(data[key], 'base64') : undefined);

/** Go's encoding/json errors for the docker config types, close enough to recognise. */
function jsonObjectProblem(bytes: Buffer): string | undefined {
  const text = bytes.toString('utf8');
  if (!text.trim()) return 'unexpected end of JSON input';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const first = text.trim()[0];
    return '{["-0123456789tfn'.includes(first) ? 'unexpected end of JSON input' : `invalid character '${first}' looking for beginning of value`;
  }
  if (isObject(value) || value === null) return undefined;
  const kind = Array.isArray(value) ? 'array' : typeof value === 'string' ? 'string' : typeof value === 'number' ? 'number' : 'bool';
  return `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`;
}

export function validateSecret(obj: KubeObject): Errors {
  const data: Obj = isObject(obj.data) ? obj.data : {};
  const errs = keyErrors(data, 'data');
  if (decodedSize(data) > MAX_DATA_BYTES) errs.push(tooLong('data', MAX_DATA_BYTES));
  const need = (key: string) => (key in data ? [] : [required(`data[${key}]`)]);
  switch (obj.type) {
    case 'kubernetes.io/service-account-token':
      if (!obj.metadata.annotations?.['kubernetes.io/service-account.name']) errs.push(required('metadata.annotations[kubernetes.io/service-account.name]'));
      break;
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson': {
      const key = obj.type === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
      const bytes = bytesOf(data, key);
      if (!bytes) errs.push(...need(key));
      else {
        const why = jsonObjectProblem(bytes);
        if (why) errs.push(invalid(`data[${key}]`, '<secret contents redacted>', why));
      }
      break;
    }
    case 'kubernetes.io/basic-auth':
      if (!('username' in data) && !('password' in data)) errs.push(required('data[username]'), required('data[password]'));
      break;
    case 'kubernetes.io/ssh-auth':
      if (!bytesOf(data, 'ssh-privatekey')?.length) errs.push(required('data[ssh-privatekey]'));
      break;
    case 'kubernetes.io/tls':
      errs.push(...need('tls.crt'), ...need('tls.key'));
      break;
  }
  return errs;
}

/** Upstream warns (without refusing) when a TLS Secret's key does not fit its certificate. */
function tlsWarning(obj: KubeObject): string[] {
  if (obj.type !== 'kubernetes.io/tls' || !isObject(obj.data)) return [];
  const cert = bytesOf(obj.data, 'tls.crt')?.toString('utf8') ?? '';
  const key = bytesOf(obj.data, 'tls.key')?.toString('utf8') ?? '';
  if (!cert.includes('-----BEGIN')) return ['tls: failed to find any PEM data in certificate input'];
  if (!key.includes('-----BEGIN')) return ['tls: failed to find any PEM data in key input'];
  try {
    const pub = new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' });
    const fromKey = createPublicKey(createPrivateKey(key)).export({ type: 'spki', format: 'der' });
    return pub.equals(fromKey) ? [] : ['tls: private key does not match public key'];
  } catch (err) {
    return [`tls: ${(err as Error).message}`];
  }
}

export const secretBehavior: KindBehavior = {
  strategy: {
    defaults: (obj) => secretDefaults(obj),
    validate: (obj) => validateSecret(obj),
    validateUpdate: (obj, old) => [...immutable('type', obj.type, old.type), ...immutableErrors(obj, old, ['data'])],
    warnings: (obj) => tlsWarning(obj),
  },
};
