import type { KubeObject } from '../../../api/types.js';
import type { BehaviorTable } from '../behavior.js';
import { ageColumn, ageOf, column, nameColumn, nameOf, printer } from './table.js';

const nameAgeTable = printer([nameColumn, ageColumn], (obj, now) => [nameOf(obj), ageOf(obj, now)]);

/** `pending`, `allocated,reserved`, `deleted,allocated`...: the claim's lifecycle in one cell. */
function claimState(claim: KubeObject): string {
  const states: string[] = [];
  const deleting = Boolean(claim.metadata.deletionTimestamp);
  if (deleting) states.push('deleted');
  if (!claim.status?.allocation) {
    if (!deleting) states.push('pending');
  } else {
    states.push('allocated');
    if ((claim.status.reservedFor ?? []).length) states.push('reserved');
  }
  return states.join(',');
}

const resourceClaimTable = printer([nameColumn, column('State', 'Whether the claim is pending, allocated or reserved.'), ageColumn], (c, now) => [
  nameOf(c),
  claimState(c),
  ageOf(c, now),
]);

const resourceSliceTable = printer(
  [nameColumn, column('Node', 'The node whose devices the slice lists.'), column('Driver', 'The driver that published the slice.'), column('Pool', 'The device pool.'), ageColumn],
  (s, now) => [nameOf(s), s.spec?.nodeName ?? '', s.spec?.driver ?? '', s.spec?.pool?.name ?? '', ageOf(s, now)],
);

export const draPrinters: BehaviorTable = {
  'resource.k8s.io/DeviceClass': { table: nameAgeTable },
  'resource.k8s.io/ResourceClaim': { table: resourceClaimTable },
  'resource.k8s.io/ResourceClaimTemplate': { table: nameAgeTable },
  'resource.k8s.io/ResourceSlice': {
    table: resourceSliceTable,
    fieldSelectors: { 'spec.nodeName': (s: KubeObject) => s.spec?.nodeName, 'spec.driver': (s: KubeObject) => s.spec?.driver },
  },
};
