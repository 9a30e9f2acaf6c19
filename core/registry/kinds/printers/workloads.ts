import type { KubeObject } from '../../../api/types.js';
import type { BehaviorTable } from '../behavior.js';
import { containerCells, formatLabels, formatSelector, selectorText } from './format.js';
import { ageColumn, ageOf, column, nameColumn, nameOf, printer, wide, type Cell } from './table.js';

const containersColumn = wide('Containers', 'Container names in the pod template.');
const imagesColumn = wide('Images', 'Container images in the pod template.');
const selectorColumn = wide('Selector', 'The label selector that picks the managed pods.');

function templateContainers(obj: KubeObject): [string, string] {
  return containerCells(obj.spec?.template?.spec?.containers);
}

// spec.replicas defaults to 1 in apps/v1 and core/v1, so an unset value prints as 1.
function desired(obj: KubeObject): number {
  return obj.spec?.replicas ?? 1;
}

const deploymentTable = printer(
  [
    nameColumn,
    column('Ready', 'Ready pods out of the desired count.'),
    column('Up-to-date', 'Pods running the current template.'),
    column('Available', 'Pods available to serve.'),
    ageColumn,
    containersColumn,
    imagesColumn,
    selectorColumn,
  ],
  (d, now) => {
    const s = d.status ?? {};
    // Unlike the other workloads, an empty selector prints as nothing here.
    const selector = selectorText(d.spec?.selector);
    return [nameOf(d), `${s.readyReplicas ?? 0}/${desired(d)}`, s.updatedReplicas ?? 0, s.availableReplicas ?? 0, ageOf(d, now), ...templateContainers(d), selector ?? '<invalid>'];
  },
);

const replicaColumns = [
  nameColumn,
  column('Desired', 'The requested number of pods.', { type: 'integer' }),
  column('Current', 'Pods that currently exist.', { type: 'integer' }),
  column('Ready', 'Pods that are ready.', { type: 'integer' }),
  ageColumn,
  containersColumn,
  imagesColumn,
  selectorColumn,
];

function replicaRow(obj: KubeObject, now: number, selector: string): Cell[] {
  const s = obj.status ?? {};
  return [nameOf(obj), desired(obj), s.replicas ?? 0, s.readyReplicas ?? 0, ageOf(obj, now), ...templateContainers(obj), selector];
}

const replicaSetTable = printer(replicaColumns, (rs, now) => replicaRow(rs, now, formatSelector(rs.spec?.selector)));
// A replication controller's selector is a plain label map.
const replicationControllerTable = printer(replicaColumns, (rc, now) => replicaRow(rc, now, formatLabels(rc.spec?.selector)));

const statefulSetTable = printer(
  [nameColumn, column('Ready', 'Ready pods out of the desired count.'), ageColumn, containersColumn, imagesColumn],
  (ss, now) => [nameOf(ss), `${ss.status?.readyReplicas ?? 0}/${desired(ss)}`, ageOf(ss, now), ...templateContainers(ss)],
);

const daemonSetTable = printer(
  [
    nameColumn,
    column('Desired', 'Nodes that should run the pod.', { type: 'integer' }),
    column('Current', 'Nodes running the pod.', { type: 'integer' }),
    column('Ready', 'Nodes where the pod is ready.', { type: 'integer' }),
    column('Up-to-date', 'Nodes running the current template.', { type: 'integer' }),
    column('Available', 'Nodes where the pod is available.', { type: 'integer' }),
    column('Node Selector', 'The node selector of the pod template.'),
    ageColumn,
    containersColumn,
    imagesColumn,
    selectorColumn,
  ],
  (ds, now) => {
    const s = ds.status ?? {};
    return [
      nameOf(ds),
      s.desiredNumberScheduled ?? 0,
      s.currentNumberScheduled ?? 0,
      s.numberReady ?? 0,
      s.updatedNumberScheduled ?? 0,
      s.numberAvailable ?? 0,
      formatLabels(ds.spec?.template?.spec?.nodeSelector),
      ageOf(ds, now),
      ...templateContainers(ds),
      formatSelector(ds.spec?.selector),
    ];
  },
);

/** `statefulset.apps/web`: the owning controller as a lower-case group-qualified kind. */
function controllerOf(obj: KubeObject): string {
  const ref = obj.metadata.ownerReferences?.find((r) => r.controller);
  if (!ref) return '<none>';
  const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
  const kind = group ? `${ref.kind}.${group}` : ref.kind;
  return kind ? `${kind.toLowerCase()}/${ref.name}` : ref.name;
}

const controllerRevisionTable = printer(
  [nameColumn, column('Controller', 'The object that owns this revision.'), column('Revision', 'The revision number.'), ageColumn],
  (cr, now) => [nameOf(cr), controllerOf(cr), cr.revision ?? 0, ageOf(cr, now)],
);

const podTemplateTable = printer(
  [nameColumn, column('Containers', 'Container names in the template.'), column('Images', 'Container images in the template.'), column('Pod Labels', 'Labels the template puts on its pods.')],
  (pt) => [nameOf(pt), ...containerCells(pt.template?.spec?.containers), formatLabels(pt.template?.metadata?.labels)],
);

export const workloadPrinters: BehaviorTable = {
  'apps/Deployment': { table: deploymentTable },
  'apps/ReplicaSet': { table: replicaSetTable },
  'apps/StatefulSet': { table: statefulSetTable },
  'apps/DaemonSet': { table: daemonSetTable },
  'apps/ControllerRevision': { table: controllerRevisionTable },
  '/ReplicationController': { table: replicationControllerTable, fieldSelectors: { 'status.replicas': (rc) => String(rc.status?.replicas ?? 0) } },
  '/PodTemplate': { table: podTemplateTable },
};
