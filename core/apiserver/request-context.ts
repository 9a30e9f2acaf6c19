import type { IncomingMessage } from 'node:http';
import { badRequest } from '../api/errors.js';
import type { FieldValidation, RequestContext, UserInfo } from '../registry/context.js';
import type { Clock } from '../util/clock.js';

/** Builds the pipeline's context from query parameters and headers. */
export function requestContext(req: IncomingMessage, query: URLSearchParams, user: UserInfo, clock: Clock): RequestContext {
  const dryRun = query.getAll('dryRun');
  for (const v of dryRun) if (v !== 'All') throw badRequest(`Invalid dry run value: "${v}": supported values are "All"`);
  const fv = query.get('fieldValidation');
  let fieldValidation: FieldValidation = 'Warn';
  if (fv) {
    const norm = fv.charAt(0).toUpperCase() + fv.slice(1).toLowerCase();
    if (norm !== 'Strict' && norm !== 'Warn' && norm !== 'Ignore') throw badRequest(`fieldValidation parameter unsupported: ${fv}: valid values are Ignore, Warn, Strict`);
    fieldValidation = norm as FieldValidation;
  }
  const ua = String(req.headers['user-agent'] ?? '');
  const fieldManager = query.get('fieldManager') ?? undefined;
  if (fieldManager !== undefined && (fieldManager.length > 128 || /[^\x20-\x7e]/.test(fieldManager)))
    throw badRequest('fieldManager: Invalid value: must be at most 128 printable characters');
  return {
    user,
    dryRun: dryRun.length > 0,
    fieldManager,
    fieldValidation,
    warnings: [],
    clock,
    userAgent: ua ? ua.split('/')[0] : undefined,
  };
}
