import type { FieldError } from '../../../api/errors.js';
import type { KindBehavior } from '../behavior.js';

/**
 * The pipeline checks types against the schema after defaulting, so defaults may meet a string
 * where an object belongs. A TypeError there means "wrong shape", which the schema check is
 * about to report properly; swallowing it keeps a 422 from turning into a 500.
 */
function tolerant<A extends unknown[], R>(fn: ((...args: A) => R) | undefined, fallback: R): ((...args: A) => R) | undefined {
  if (!fn) return undefined;
  return (...args: A) => {
    try {
      return fn(...args);
    } catch (err) {
      if (err instanceof TypeError) return fallback;
      throw err;
    }
  };
}

export function hardened(b: KindBehavior): KindBehavior {
  const s = b.strategy;
  if (!s) return b;
  const none: FieldError[] = [];
  return {
    ...b,
    strategy: {
      ...s,
      defaults: tolerant(s.defaults?.bind(s), undefined),
      prepareForCreate: tolerant(s.prepareForCreate?.bind(s), undefined),
      prepareForUpdate: tolerant(s.prepareForUpdate?.bind(s), undefined),
      validate: tolerant(s.validate?.bind(s), none),
      validateUpdate: tolerant(s.validateUpdate?.bind(s), none),
      warnings: tolerant(s.warnings?.bind(s), []),
    },
  };
}
