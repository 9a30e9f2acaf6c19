import type { KubeObject } from '../../../api/types.js';
import { humanDuration } from '../../../api/duration.js';
import type { BehaviorTable } from '../behavior.js';
import { ageColumn, ageOf, column, nameColumn, nameOf, printer } from './table.js';

const leaseTable = printer([nameColumn, column('Holder', 'The current holder of the lease.'), ageColumn], (l, now) => [
  nameOf(l),
  l.spec?.holderIdentity ?? '',
  ageOf(l, now),
]);

const priorityClassTable = printer(
  [
    nameColumn,
    column('Value', 'The priority given to pods of this class.', { type: 'integer' }),
    column('Global-Default', 'Whether pods without a class get this one.', { type: 'boolean' }),
    ageColumn,
    column('PreemptionPolicy', 'Whether these pods may preempt others.'),
  ],
  (pc, now) => [nameOf(pc), pc.value ?? 0, pc.globalDefault === true, ageOf(pc, now), pc.preemptionPolicy ?? ''],
);

const runtimeClassTable = printer([nameColumn, column('Handler', 'The runtime handler pods of this class use.'), ageColumn], (rc, now) => [
  nameOf(rc),
  rc.handler ?? '',
  ageOf(rc, now),
]);

/** Denied beats Approved beats Pending; Failed and Issued are appended. */
function csrCondition(csr: KubeObject): string {
  const types = new Set((csr.status?.conditions ?? []).map((c: { type?: string }) => c.type));
  let status = types.has('Denied') ? 'Denied' : types.has('Approved') ? 'Approved' : 'Pending';
  if (types.has('Failed')) status += ',Failed';
  if (csr.status?.certificate) status += ',Issued';
  return status;
}

const csrTable = printer(
  [
    nameColumn,
    ageColumn,
    column('SignerName', 'The signer asked to sign the request.'),
    column('Requestor', 'The user who created the request.'),
    column('RequestedDuration', 'The validity asked for.'),
    column('Condition', 'Approval and issuing state.'),
  ],
  (csr, now) => {
    const seconds = csr.spec?.expirationSeconds;
    return [
      nameOf(csr),
      ageOf(csr, now),
      csr.spec?.signerName || '<none>',
      csr.spec?.username ?? '',
      seconds === undefined || seconds === null ? '<none>' : humanDuration(seconds * 1000),
      csrCondition(csr),
    ];
  },
);

export const clusterPrinters: BehaviorTable = {
  'coordination.k8s.io/Lease': { table: leaseTable },
  'scheduling.k8s.io/PriorityClass': { table: priorityClassTable },
  'node.k8s.io/RuntimeClass': { table: runtimeClassTable },
  'certificates.k8s.io/CertificateSigningRequest': { table: csrTable, fieldSelectors: { 'spec.signerName': (csr) => csr.spec?.signerName } },
};
