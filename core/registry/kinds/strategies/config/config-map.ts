import type { KindBehavior } from '../../behavior.js';
import { invalid, isObject, tooLong, type Errors } from '../common/field.js';
import type { KubeObject } from '../../../../api/types.js';
import { canonicalBytes, decodedSize, immutableErrors, keyErrors, MAX_DATA_BYTES } from './data-keys.js';

export function validateConfigMap(obj: KubeObject): Errors {
  const data = isObject(obj.data) ? obj.data : {};
  const binary = isObject(obj.binaryData) ? obj.binaryData : {};
  const errs = keyErrors(data, 'data');
  for (const k of Object.keys(data)) if (k in binary) errs.push(invalid(`data[${k}]`, k, 'duplicate of key present in binaryData'));
  errs.push(...keyErrors(binary, 'binaryData'));
  let total = decodedSize(binary);
  for (const v of Object.values(data)) total += Buffer.byteLength(String(v), 'utf8');
  // Upstream reports the whole object, whose path prints as "[]".
  if (total > MAX_DATA_BYTES) errs.push(tooLong('[]', MAX_DATA_BYTES));
  return errs;
}

export const configMapBehavior: KindBehavior = {
  strategy: {
    defaults(obj) {
      canonicalBytes(obj, 'binaryData');
    },
    validate: (obj) => validateConfigMap(obj),
    validateUpdate: (obj, old) => immutableErrors(obj, old, ['data', 'binaryData']),
  },
};
