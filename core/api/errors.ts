import type { Status, StatusCause, StatusDetails } from './types.js';

// Every failure that reaches a client is a Kubernetes Status; StatusError carries
// one through the layers so the API server never has to guess a code.
export class StatusError extends Error {
  readonly status: Status;

  constructor(code: number, reason: string, message: string, details: StatusDetails = {}) {
    super(message);
    this.name = 'StatusError';
    this.status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, details, code };
  }

  get code(): number {
    return this.status.code ?? 500;
  }

  get reason(): string {
    return this.status.reason ?? '';
  }
}

export interface ResourceRef {
  group: string;
  resource: string;
}

/** `deployments.apps` the way upstream names a resource in messages. */
export function qualifiedResource(ref: ResourceRef): string {
  return ref.group ? `${ref.resource}.${ref.group}` : ref.resource;
}

export function notFound(ref: ResourceRef, name: string): StatusError {
  return new StatusError(404, 'NotFound', `${qualifiedResource(ref)} "${name}" not found`, {
    name,
    group: ref.group || undefined,
    kind: ref.resource,
  });
}

export function pathNotFound(): StatusError {
  return new StatusError(404, 'NotFound', 'the server could not find the requested resource');
}

export function alreadyExists(ref: ResourceRef, name: string): StatusError {
  return new StatusError(409, 'AlreadyExists', `${qualifiedResource(ref)} "${name}" already exists`, {
    name,
    group: ref.group || undefined,
    kind: ref.resource,
  });
}

export function conflict(ref: ResourceRef, name: string, why = 'the object has been modified; please apply your changes to the latest version and try again'): StatusError {
  return new StatusError(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(ref)} "${name}": ${why}`, {
    name,
    group: ref.group || undefined,
    kind: ref.resource,
  });
}

export interface FieldError {
  type: 'FieldValueInvalid' | 'FieldValueRequired' | 'FieldValueNotSupported' | 'FieldValueDuplicate' | 'FieldValueForbidden' | 'FieldValueTooLong' | 'FieldValueTooMany' | 'FieldValueTypeInvalid' | 'FieldValueNotFound';
  field: string;
  /** The full message, as upstream prints it after the field path. */
  detail: string;
  value?: unknown;
  /** When set, replaces everything after `field: ` (schema validators word their own). */
  message?: string;
}

const typeWords: Record<FieldError['type'], string> = {
  FieldValueInvalid: 'Invalid value',
  FieldValueRequired: 'Required value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  FieldValueTypeInvalid: 'Invalid value',
  FieldValueNotFound: 'Not found',
};

function renderValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** `metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 ...` */
export function fieldErrorMessage(e: FieldError): string {
  if (e.message) return `${e.field}: ${e.message}`;
  const words = typeWords[e.type];
  const hasValue = e.type === 'FieldValueInvalid' || e.type === 'FieldValueTypeInvalid' || e.type === 'FieldValueNotSupported' || e.type === 'FieldValueDuplicate' || e.type === 'FieldValueNotFound';
  const head = hasValue ? `${words}: ${renderValue(e.value)}` : words;
  return e.detail ? `${e.field}: ${head}: ${e.detail}` : `${e.field}: ${head}`;
}

export function invalid(kind: string, group: string, name: string, errors: FieldError[]): StatusError {
  const messages = errors.map(fieldErrorMessage);
  const summary = messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
  const causes: StatusCause[] = errors.map((e) => ({ reason: e.type, message: fieldErrorMessage(e).slice(e.field.length + 2), field: e.field }));
  return new StatusError(422, 'Invalid', `${kind}${group ? `.${group}` : ''} "${name}" is invalid: ${summary}`, {
    name,
    group: group || undefined,
    kind,
    causes,
  });
}

export function badRequest(message: string, causes?: StatusCause[]): StatusError {
  return new StatusError(400, 'BadRequest', message, causes ? { causes } : {});
}

export function forbidden(message: string, details: StatusDetails = {}): StatusError {
  return new StatusError(403, 'Forbidden', message, details);
}

export function methodNotSupported(ref: ResourceRef, verb: string): StatusError {
  return new StatusError(405, 'MethodNotAllowed', `${verb} is not supported on resources of kind "${qualifiedResource(ref)}"`, {
    group: ref.group || undefined,
    kind: ref.resource,
  });
}

export function expired(message: string): StatusError {
  return new StatusError(410, 'Expired', message);
}

export function tooLarge(message = 'Request entity too large: limit is 3145728'): StatusError {
  return new StatusError(413, 'RequestEntityTooLarge', message);
}

export function unsupportedMediaType(contentType: string, accepted: string[]): StatusError {
  return new StatusError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`, {
    causes: [{ reason: 'UnsupportedMediaType', message: `unsupported media type: ${contentType}` }],
  });
}

export function notAcceptable(): StatusError {
  return new StatusError(406, 'NotAcceptable', 'the server was unable to respond with a content type that the client supports');
}

export function internalError(message: string): StatusError {
  return new StatusError(500, 'InternalError', `Internal error occurred: ${message}`);
}

export function unauthorized(): StatusError {
  return new StatusError(401, 'Unauthorized', 'Unauthorized');
}

export function tooManyRequests(message: string, retryAfterSeconds: number): StatusError {
  return new StatusError(429, 'TooManyRequests', message, { retryAfterSeconds });
}

export function serviceUnavailable(message: string): StatusError {
  return new StatusError(503, 'ServiceUnavailable', message);
}

/** Turns anything thrown into a Status; unknown errors become 500s without losing their text. */
export function toStatusError(err: unknown): StatusError {
  if (err instanceof StatusError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return internalError(message);
}

export function successStatus(details?: StatusDetails): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', ...(details ? { details } : {}) };
}
