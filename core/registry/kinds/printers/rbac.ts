import type { KubeObject } from '../../../api/types.js';
import type { BehaviorTable } from '../behavior.js';
import { ageColumn, ageOf, column, createdAtPrinter, nameColumn, nameOf, printer, wide } from './table.js';

interface Subject {
  kind?: string;
  name?: string;
  namespace?: string;
}

/** Users, groups and `namespace/name` service accounts, each joined with ", ". */
function subjects(binding: KubeObject): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const accounts: string[] = [];
  for (const s of (binding.subjects ?? []) as Subject[]) {
    if (s.kind === 'ServiceAccount') accounts.push(`${s.namespace ?? ''}/${s.name ?? ''}`);
    else if (s.kind === 'User') users.push(s.name ?? '');
    else if (s.kind === 'Group') groups.push(s.name ?? '');
  }
  return [users.join(', '), groups.join(', '), accounts.join(', ')];
}

function bindingTable(scope: string) {
  return printer(
    [
      nameColumn,
      column('Role', 'The role the binding grants, as Kind/name.'),
      ageColumn,
      wide('Users', `Users in the ${scope}.`),
      wide('Groups', `Groups in the ${scope}.`),
      wide('ServiceAccounts', `Service accounts in the ${scope}.`),
    ],
    (b, now) => [nameOf(b), `${b.roleRef?.kind ?? ''}/${b.roleRef?.name ?? ''}`, ageOf(b, now), ...subjects(b)],
  );
}

export const rbacPrinters: BehaviorTable = {
  'rbac.authorization.k8s.io/RoleBinding': { table: bindingTable('role binding') },
  'rbac.authorization.k8s.io/ClusterRoleBinding': { table: bindingTable('cluster role binding') },
  'rbac.authorization.k8s.io/Role': { table: createdAtPrinter },
  'rbac.authorization.k8s.io/ClusterRole': { table: createdAtPrinter },
};
