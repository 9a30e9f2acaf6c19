import type { Clock } from '../util/clock.js';

export interface UserInfo {
  username: string;
  groups: string[];
  uid?: string;
}

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/** What one request carries through the pipeline. */
export interface RequestContext {
  user: UserInfo;
  dryRun: boolean;
  fieldManager?: string;
  fieldValidation: FieldValidation;
  /** Collected `Warning:` headers. */
  warnings: string[];
  clock: Clock;
  /** The User-Agent's product, used as the default field manager as upstream does. */
  userAgent?: string;
}

export const SYSTEM_USER: UserInfo = { username: 'system:admin', groups: ['system:masters', 'system:authenticated'] };
