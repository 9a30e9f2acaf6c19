import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.js';
import { printerBehaviors } from './index.js';

const NOW = Date.parse('2025-09-01T12:00:00Z');
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString().replace('.000Z', 'Z');
const row = (key: string, obj: KubeObject) => printerBehaviors[key].table!.row(obj, NOW);
const meta = (name: string, extra: object = {}) => ({ name, creationTimestamp: ago(600), ...extra });

describe('volume tables', () => {
  it('prints a bound persistent volume', () => {
    const pv = {
      metadata: meta('pvc-1a2b'),
      spec: {
        capacity: { storage: '1024Mi' },
        accessModes: ['ReadWriteMany', 'ReadWriteOnce'],
        persistentVolumeReclaimPolicy: 'Delete',
        storageClassName: 'standard',
        claimRef: { namespace: 'default', name: 'data' },
        volumeMode: 'Filesystem',
      },
      status: { phase: 'Bound' },
    };
    expect(row('/PersistentVolume', pv)).toEqual(['pvc-1a2b', '1Gi', 'RWO,RWX', 'Delete', 'Bound', 'default/data', 'standard', '<unset>', '', '10m', 'Filesystem']);
    expect(row('/PersistentVolume', { ...pv, metadata: meta('pvc-1a2b', { deletionTimestamp: ago(1) }) })[4]).toBe('Terminating');
  });

  it('prints claims, pending and bound', () => {
    const pending = { metadata: meta('data'), spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } }, storageClassName: 'standard' }, status: { phase: 'Pending' } };
    expect(row('/PersistentVolumeClaim', pending)).toEqual(['data', 'Pending', '', '', '', 'standard', '<unset>', '10m', '<unset>']);
    const bound = {
      metadata: meta('data', { annotations: { 'volume.beta.kubernetes.io/storage-class': 'legacy' } }),
      spec: { ...pending.spec, volumeName: 'pvc-1a2b', volumeMode: 'Block', volumeAttributesClassName: 'gold' },
      status: { phase: 'Bound', capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOncePod'] },
    };
    expect(row('/PersistentVolumeClaim', bound)).toEqual(['data', 'Bound', 'pvc-1a2b', '5Gi', 'RWOP', 'legacy', 'gold', '10m', 'Block']);
  });

  it('prints storage classes with defaults filled in', () => {
    const sc = { metadata: meta('standard', { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }), provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer' };
    expect(row('storage.k8s.io/StorageClass', sc)).toEqual(['standard (default)', 'rancher.io/local-path', 'Delete', 'WaitForFirstConsumer', false, '10m']);
  });

  it('prints CSI drivers, nodes and attachments', () => {
    const driver = { metadata: meta('hostpath.csi.k8s.io'), spec: { attachRequired: false, podInfoOnMount: true, volumeLifecycleModes: ['Persistent', 'Ephemeral'], tokenRequests: [{ audience: 'vault' }] } };
    expect(row('storage.k8s.io/CSIDriver', driver)).toEqual(['hostpath.csi.k8s.io', false, true, false, 'vault', false, 'Persistent,Ephemeral', '10m']);
    expect(row('storage.k8s.io/CSIDriver', { metadata: meta('d'), spec: {} }).slice(1, 7)).toEqual([true, false, false, '<unset>', false, '<none>']);
    expect(row('storage.k8s.io/CSINode', { metadata: meta('skiff'), spec: { drivers: [{ name: 'a' }] } })).toEqual(['skiff', 1, '10m']);
    const va = { metadata: meta('csi-123'), spec: { attacher: 'hostpath.csi.k8s.io', nodeName: 'skiff', source: { persistentVolumeName: 'pvc-1a2b' } }, status: { attached: true } };
    expect(row('storage.k8s.io/VolumeAttachment', va)).toEqual(['csi-123', 'hostpath.csi.k8s.io', 'pvc-1a2b', 'skiff', true, '10m']);
    expect(row('storage.k8s.io/VolumeAttributesClass', { metadata: meta('gold'), driverName: 'hostpath.csi.k8s.io' })).toEqual(['gold', 'hostpath.csi.k8s.io', '10m']);
  });

  it('keeps the generic table for CSI storage capacities', () => {
    const cap = { metadata: meta('csisc-x'), storageClassName: 'standard', capacity: '10Gi' };
    expect(printerBehaviors['storage.k8s.io/CSIStorageCapacity'].table!.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['Name:string', 'Created At:date']);
    expect(row('storage.k8s.io/CSIStorageCapacity', cap)).toEqual(['csisc-x', '2025-09-01T11:50:00Z']);
  });
});
