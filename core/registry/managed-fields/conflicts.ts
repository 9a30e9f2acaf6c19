import { StatusError } from '../../api/errors.js';
import type { StatusCause } from '../../api/types.js';
import type { FieldSet } from './field-set.js';
import type { ManagerEntry } from './managed-entries.js';
import { pathString } from './path-element.js';

// The 409 an apply gets when it would change fields other managers own, worded
// as upstream words it: kubectl and helm print the message, and tools read the
// causes (reason FieldManagerConflict, field = the path).

export interface ManagerConflicts {
  id: string;
  entry: ManagerEntry;
  fields: FieldSet;
}

/** `"kubectl-client-side-apply" using apps/v1` for updaters, `"kubectl"` for appliers. */
export function printManager(entry: ManagerEntry): string {
  let out = JSON.stringify(entry.manager);
  if (entry.subresource) out += ` with subresource ${JSON.stringify(entry.subresource)}`;
  if (entry.operation === 'Update') out += ` using ${entry.apiVersion}`;
  return out;
}

export function conflictError(conflicts: ManagerConflicts[]): StatusError {
  const sorted = [...conflicts].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const all = sorted.flatMap((c) => c.fields.paths().map((p) => ({ entry: c.entry, path: pathString(p) })));
  const causes: StatusCause[] = all.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${printManager(c.entry)}`, field: c.path }));
  let message: string;
  if (all.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(all[0].entry)}: ${all[0].path}`;
  } else {
    const lines: string[] = [];
    for (const c of sorted) {
      lines.push(`conflicts with ${printManager(c.entry)}:`);
      for (const p of c.fields.paths()) lines.push(`- ${pathString(p)}`);
    }
    message = `Apply failed with ${all.length} conflicts: ${lines.join('\n')}`;
  }
  return new StatusError(409, 'Conflict', message, { causes });
}
