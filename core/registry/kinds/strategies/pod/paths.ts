import { invalid, type Errors } from '../common/field.js';

// Paths inside volumes (subPath, items[].path) may not escape their volume.

export function localDescendingPath(field: string, target: string): Errors {
  const errs: Errors = [];
  if (target.startsWith('/')) errs.push(invalid(field, target, 'must be a relative path'));
  if (target.split('/').includes('..')) errs.push(invalid(field, target, "must not contain '..'"));
  return errs;
}

export function localNonReservedPath(field: string, target: string): Errors {
  const errs = localDescendingPath(field, target);
  if (target.startsWith('..') && !target.startsWith('../')) errs.push(invalid(field, target, "must not start with '..'"));
  return errs;
}
