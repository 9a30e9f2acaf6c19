import type { KubeObject } from '../../../api/types.js';
import type { BehaviorTable } from '../behavior.js';
import { canonicalQuantity } from './quantity.js';
import { ageColumn, ageOf, column, createdAtPrinter, nameColumn, nameOf, printer, wide } from './table.js';

const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** RWO,ROX,RWX,RWOP in that fixed order, whatever order the object lists them. */
export function accessModes(modes: string[] | undefined): string {
  const set = new Set(modes ?? []);
  const out: string[] = [];
  for (const [mode, short] of [['ReadWriteOnce', 'RWO'], ['ReadOnlyMany', 'ROX'], ['ReadWriteMany', 'RWX'], ['ReadWriteOncePod', 'RWOP']]) {
    if (set.has(mode)) out.push(short);
  }
  return out.join(',');
}

// The beta annotation still overrides the field, as in upstream's helpers.
function storageClassOf(obj: KubeObject): string {
  const annotation = obj.metadata.annotations?.[BETA_CLASS_ANNOTATION];
  return annotation ?? obj.spec?.storageClassName ?? '';
}

function phaseOf(obj: KubeObject): string {
  return obj.metadata.deletionTimestamp ? 'Terminating' : (obj.status?.phase ?? '');
}

const volumeModeColumn = wide('VolumeMode', 'Filesystem or Block.');

const persistentVolumeTable = printer(
  [
    nameColumn,
    column('Capacity', 'The size of the volume.'),
    column('Access Modes', 'How the volume can be mounted.'),
    column('Reclaim Policy', 'What happens to the volume when its claim goes away.'),
    column('Status', 'The phase of the volume.'),
    column('Claim', 'The claim bound to the volume.'),
    column('StorageClass', 'The class the volume belongs to.'),
    column('VolumeAttributesClass', 'The attributes class applied to the volume.'),
    column('Reason', 'Why the volume is in its phase.'),
    ageColumn,
    volumeModeColumn,
  ],
  (pv, now) => {
    const ref = pv.spec?.claimRef;
    return [
      nameOf(pv),
      canonicalQuantity(pv.spec?.capacity?.storage),
      accessModes(pv.spec?.accessModes),
      pv.spec?.persistentVolumeReclaimPolicy ?? '',
      phaseOf(pv),
      ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '',
      storageClassOf(pv),
      pv.spec?.volumeAttributesClassName ?? '<unset>',
      pv.status?.reason ?? '',
      ageOf(pv, now),
      pv.spec?.volumeMode ?? '<unset>',
    ];
  },
);

const persistentVolumeClaimTable = printer(
  [
    nameColumn,
    column('Status', 'The phase of the claim.'),
    column('Volume', 'The volume bound to the claim.'),
    column('Capacity', 'The size of the bound volume.'),
    column('Access Modes', 'How the bound volume can be mounted.'),
    column('StorageClass', 'The class the claim asks for.'),
    column('VolumeAttributesClass', 'The attributes class the claim asks for.'),
    ageColumn,
    volumeModeColumn,
  ],
  (pvc, now) => {
    // Size and modes are only known once the claim is bound.
    const bound = Boolean(pvc.spec?.volumeName);
    return [
      nameOf(pvc),
      phaseOf(pvc),
      pvc.spec?.volumeName ?? '',
      bound ? canonicalQuantity(pvc.status?.capacity?.storage) : '',
      bound ? accessModes(pvc.status?.accessModes) : '',
      storageClassOf(pvc),
      pvc.spec?.volumeAttributesClassName ?? '<unset>',
      ageOf(pvc, now),
      pvc.spec?.volumeMode ?? '<unset>',
    ];
  },
);

function isDefaultClass(sc: KubeObject): boolean {
  const a = sc.metadata.annotations ?? {};
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}

const storageClassTable = printer(
  [
    nameColumn,
    column('Provisioner', 'The volume plugin that provisions volumes.'),
    column('ReclaimPolicy', 'The reclaim policy of provisioned volumes.'),
    column('VolumeBindingMode', 'When volumes are bound and provisioned.'),
    column('AllowVolumeExpansion', 'Whether claims may grow.'),
    ageColumn,
  ],
  (sc, now) => [
    isDefaultClass(sc) ? `${nameOf(sc)} (default)` : nameOf(sc),
    sc.provisioner ?? '',
    sc.reclaimPolicy ?? 'Delete',
    sc.volumeBindingMode ?? 'Immediate',
    sc.allowVolumeExpansion === true,
    ageOf(sc, now),
  ],
);

const volumeAttributesClassTable = printer([nameColumn, column('DriverName', 'The CSI driver the class is for.'), ageColumn], (vac, now) => [
  nameOf(vac),
  vac.driverName ?? '',
  ageOf(vac, now),
]);

const csiDriverTable = printer(
  [
    nameColumn,
    column('AttachRequired', 'Whether volumes need an attach step.', { type: 'boolean' }),
    column('PodInfoOnMount', 'Whether pod details are passed on mount.', { type: 'boolean' }),
    column('StorageCapacity', 'Whether the driver reports capacity.', { type: 'boolean' }),
    column('TokenRequests', 'Audiences of tokens passed to the driver.'),
    column('RequiresRepublish', 'Whether volumes are mounted again periodically.', { type: 'boolean' }),
    column('Modes', 'The volume lifecycle modes supported.'),
    ageColumn,
  ],
  (d, now) => {
    const spec = d.spec ?? {};
    const tokens: Array<{ audience?: string }> | undefined = spec.tokenRequests;
    return [
      nameOf(d),
      spec.attachRequired ?? true,
      spec.podInfoOnMount ?? false,
      spec.storageCapacity ?? false,
      tokens ? tokens.map((t) => t.audience ?? '').join(',') : '<unset>',
      spec.requiresRepublish ?? false,
      (spec.volumeLifecycleModes ?? []).join(',') || '<none>',
      ageOf(d, now),
    ];
  },
);

const csiNodeTable = printer([nameColumn, column('Drivers', 'CSI drivers registered on the node.', { type: 'integer' }), ageColumn], (n, now) => [
  nameOf(n),
  (n.spec?.drivers ?? []).length,
  ageOf(n, now),
]);

const volumeAttachmentTable = printer(
  [
    nameColumn,
    column('Attacher', 'The driver that attaches the volume.', { format: 'name' }),
    column('PV', 'The persistent volume being attached.'),
    column('Node', 'The node the volume is attached to.'),
    column('Attached', 'Whether the attach finished.', { type: 'boolean' }),
    ageColumn,
  ],
  (va, now) => [nameOf(va), va.spec?.attacher ?? '', va.spec?.source?.persistentVolumeName ?? '', va.spec?.nodeName ?? '', va.status?.attached === true, ageOf(va, now)],
);

export const storagePrinters: BehaviorTable = {
  '/PersistentVolume': { table: persistentVolumeTable },
  '/PersistentVolumeClaim': { table: persistentVolumeClaimTable },
  'storage.k8s.io/StorageClass': { table: storageClassTable },
  'storage.k8s.io/VolumeAttributesClass': { table: volumeAttributesClassTable },
  'storage.k8s.io/CSIDriver': { table: csiDriverTable },
  'storage.k8s.io/CSINode': { table: csiNodeTable },
  'storage.k8s.io/VolumeAttachment': { table: volumeAttachmentTable },
  // Upstream has a printer for it but the store is wired to the generic table.
  'storage.k8s.io/CSIStorageCapacity': { table: createdAtPrinter },
};
