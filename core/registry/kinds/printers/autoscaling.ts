import type { KubeObject } from '../../../api/types.js';
import type { BehaviorTable } from '../behavior.js';
import { intOrString } from './format.js';
import { canonicalQuantity } from './quantity.js';
import { ageColumn, ageOf, column, nameColumn, nameOf, printer } from './table.js';

interface Target {
  averageValue?: string;
  value?: string;
  averageUtilization?: number;
}

interface MetricSpec {
  type?: string;
  resource?: { name?: string; target?: Target };
  containerResource?: { name?: string; target?: Target };
  pods?: { target?: Target };
  object?: { target?: Target };
  external?: { target?: Target };
}

type MetricStatus = Record<string, { current?: Target } | undefined>;

const KEY: Record<string, keyof MetricSpec> = {
  Resource: 'resource',
  ContainerResource: 'containerResource',
  Pods: 'pods',
  Object: 'object',
  External: 'external',
};

// Every quantity here is optional upstream, and a missing one prints as Go's nil quantity.
const q = (v: string | undefined) => (v === undefined || v === null ? '<nil>' : canonicalQuantity(v));

// Status entries are matched to specs by position, as upstream does.
function formatMetric(spec: MetricSpec, status: MetricStatus | undefined): string {
  const key = KEY[spec.type ?? ''];
  if (!key) return '<unknown type>';
  const source = spec[key] as { name?: string; target?: Target } | undefined;
  const target = source?.target ?? {};
  const reported = status?.[key];
  const current = reported?.current ?? {};
  switch (spec.type) {
    case 'Pods':
      return `${reported ? q(current.averageValue) : '<unknown>'}/${q(target.averageValue)}`;
    case 'Object':
    case 'External':
      if (target.averageValue !== undefined) return `${current.averageValue !== undefined ? q(current.averageValue) : '<unknown>'}/${q(target.averageValue)} (avg)`;
      return `${reported ? q(current.value) : '<unknown>'}/${q(target.value)}`;
    default: {
      const name = source?.name ?? '';
      if (target.averageValue !== undefined) return `${name}: ${reported ? q(current.averageValue) : '<unknown>'}/${q(target.averageValue)}`;
      const now = current.averageUtilization !== undefined ? `${current.averageUtilization}%` : '<unknown>';
      const want = target.averageUtilization !== undefined ? `${target.averageUtilization}%` : '<auto>';
      return `${name}: ${now}/${want}`;
    }
  }
}

/** At most two metric targets, then `+ N more...`; `<none>` without metrics. */
function formatMetrics(hpa: KubeObject): string {
  const specs: MetricSpec[] = hpa.spec?.metrics ?? [];
  if (!specs.length) return '<none>';
  const statuses: MetricStatus[] = hpa.status?.currentMetrics ?? [];
  const list = specs.map((s, i) => formatMetric(s, statuses[i]));
  const max = 2;
  if (list.length <= max) return list.join(', ');
  return `${list.slice(0, max).join(', ')} + ${list.length - max} more...`;
}

const hpaTable = printer(
  [
    nameColumn,
    column('Reference', 'The scaled object, as Kind/name.'),
    column('Targets', 'Current and target values of the metrics.'),
    column('MinPods', 'The lower replica bound.'),
    column('MaxPods', 'The upper replica bound.'),
    column('Replicas', 'The current replica count.'),
    ageColumn,
  ],
  (hpa, now) => {
    const spec = hpa.spec ?? {};
    const ref = spec.scaleTargetRef ?? {};
    const min = spec.minReplicas;
    return [
      nameOf(hpa),
      `${ref.kind ?? ''}/${ref.name ?? ''}`,
      formatMetrics(hpa),
      min === undefined || min === null ? '<unset>' : String(min),
      spec.maxReplicas ?? 0,
      hpa.status?.currentReplicas ?? 0,
      ageOf(hpa, now),
    ];
  },
);

const pdbTable = printer(
  [
    nameColumn,
    column('Min Available', 'Pods that must stay available.'),
    column('Max Unavailable', 'Pods that may be unavailable.'),
    column('Allowed Disruptions', 'Pods that may be evicted right now.', { type: 'integer' }),
    ageColumn,
  ],
  (pdb, now) => {
    const spec = pdb.spec ?? {};
    const or = (v: number | string | undefined) => (v === undefined || v === null ? 'N/A' : intOrString(v));
    return [nameOf(pdb), or(spec.minAvailable), or(spec.maxUnavailable), pdb.status?.disruptionsAllowed ?? 0, ageOf(pdb, now)];
  },
);

export const autoscalingPrinters: BehaviorTable = {
  'autoscaling/HorizontalPodAutoscaler': { table: hpaTable },
  'policy/PodDisruptionBudget': { table: pdbTable },
};
