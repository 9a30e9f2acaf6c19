import { invalid, type FieldError } from '../../api/errors.js';
import type { LogOptions } from '../../api/pod-streams.js';
import { boolParam, intParam, timeParam } from './query-params.js';

export interface LogRequest extends LogOptions {
  container?: string;
}

/** PodLogOptions from the query: 400 when a value does not parse, 422 when it is out of range. */
export function parseLogOptions(query: URLSearchParams, podName: string): LogRequest {
  const out: LogRequest = {
    container: query.get('container') || undefined,
    follow: boolParam(query, 'follow'),
    previous: boolParam(query, 'previous'),
    timestamps: boolParam(query, 'timestamps'),
    sinceSeconds: intParam(query, 'sinceSeconds'),
    sinceTime: timeParam(query, 'sinceTime'),
    tailLines: intParam(query, 'tailLines'),
    limitBytes: intParam(query, 'limitBytes'),
  };
  const errors: FieldError[] = [];
  if (out.tailLines !== undefined && out.tailLines < 0)
    errors.push({ type: 'FieldValueInvalid', field: 'tailLines', value: out.tailLines, detail: 'must be greater than or equal to 0' });
  if (out.limitBytes !== undefined && out.limitBytes < 1)
    errors.push({ type: 'FieldValueInvalid', field: 'limitBytes', value: out.limitBytes, detail: 'must be greater than 0' });
  if (out.sinceSeconds !== undefined && out.sinceTime !== undefined)
    errors.push({ type: 'FieldValueForbidden', field: '', detail: 'at most one of `sinceTime` or `sinceSeconds` may be specified' });
  else if (out.sinceSeconds !== undefined && out.sinceSeconds < 1)
    errors.push({ type: 'FieldValueInvalid', field: 'sinceSeconds', value: out.sinceSeconds, detail: 'must be greater than 0' });
  if (errors.length) throw invalid('PodLogOptions', '', podName, errors);
  for (const k of ['sinceSeconds', 'sinceTime', 'tailLines', 'limitBytes', 'container'] as const) if (out[k] === undefined) delete out[k];
  return out;
}
