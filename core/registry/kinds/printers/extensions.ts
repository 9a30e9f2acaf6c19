import type { KubeObject } from '../../../api/types.js';
import type { BehaviorTable } from '../behavior.js';
import { ageColumn, ageOf, column, createdAtPrinter, nameColumn, nameOf, printer } from './table.js';

function webhookTable() {
  return printer([nameColumn, column('Webhooks', 'Webhooks in this configuration.', { type: 'integer' }), ageColumn], (w, now) => [
    nameOf(w),
    (w.webhooks ?? []).length,
    ageOf(w, now),
  ]);
}

const policyTable = printer(
  [nameColumn, column('Validations', 'Validation rules in the policy.', { type: 'integer' }), column('ParamKind', 'The kind of the parameter objects.'), ageColumn],
  (p, now) => {
    const kind = p.spec?.paramKind;
    return [nameOf(p), (p.spec?.validations ?? []).length, kind ? `${kind.apiVersion ?? ''}/${kind.kind ?? ''}` : '<unset>', ageOf(p, now)];
  },
);

/** A label selector the way Go's generated String() prints the struct. */
function selectorStruct(sel: { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key?: string; operator?: string; values?: string[] }> }): string {
  const labels = Object.keys(sel.matchLabels ?? {})
    .sort()
    .map((k) => `${k}: ${sel.matchLabels![k]},`)
    .join('');
  const exprs = (sel.matchExpressions ?? []).map((e) => `LabelSelectorRequirement{Key:${e.key ?? ''},Operator:${e.operator ?? ''},Values:[${(e.values ?? []).join(' ')}],},`).join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}

function paramRef(binding: KubeObject): string {
  const ref = binding.spec?.paramRef;
  if (!ref) return '<unset>';
  if (ref.name) return ref.namespace ? `${ref.namespace}/${ref.name}` : `*/${ref.name}`;
  return ref.selector ? selectorStruct(ref.selector) : '<unset>';
}

const policyBindingTable = printer(
  [nameColumn, column('PolicyName', 'The policy this binding applies.'), column('ParamRef', 'The parameter objects used.'), ageColumn],
  (b, now) => [nameOf(b), b.spec?.policyName ?? '', paramRef(b), ageOf(b, now)],
);

const flowSchemaTable = printer(
  [
    nameColumn,
    column('PriorityLevel', 'The priority level matched requests go to.'),
    column('MatchingPrecedence', 'Lower values are matched first.'),
    column('DistinguisherMethod', 'How requests are split into flows.'),
    ageColumn,
    column('MissingPL', 'Whether the priority level does not exist.'),
  ],
  (fs, now) => {
    const dangling = (fs.status?.conditions ?? []).find((c: { type?: string }) => c.type === 'Dangling');
    return [
      nameOf(fs),
      fs.spec?.priorityLevelConfiguration?.name ?? '',
      fs.spec?.matchingPrecedence ?? 0,
      fs.spec?.distinguisherMethod?.type ?? '<none>',
      ageOf(fs, now),
      dangling?.status ?? '?',
    ];
  },
);

const priorityLevelTable = printer(
  [
    nameColumn,
    column('Type', 'Limited or Exempt.'),
    column('NominalConcurrencyShares', 'Share of the server concurrency limit.'),
    column('Queues', 'Number of queues.'),
    column('HandSize', 'Queues each flow is dealt.'),
    column('QueueLengthLimit', 'Requests each queue may hold.'),
    ageColumn,
  ],
  (pl, now) => {
    const limited = pl.spec?.limited;
    const queuing = limited?.limitResponse?.queuing;
    const or = (v: number | undefined) => v ?? 0;
    return [
      nameOf(pl),
      pl.spec?.type ?? '',
      limited ? or(limited.nominalConcurrencyShares) : '<none>',
      queuing ? or(queuing.queues) : '<none>',
      queuing ? or(queuing.handSize) : '<none>',
      queuing ? or(queuing.queueLengthLimit) : '<none>',
      ageOf(pl, now),
    ];
  },
);

/** `True`, `False (MissingEndpoints)` or `Unknown`, from the Available condition. */
function apiServiceAvailable(svc: KubeObject): string {
  const c = (svc.status?.conditions ?? []).find((x: { type?: string }) => x.type === 'Available');
  if (!c) return 'Unknown';
  return c.status !== 'True' && c.reason ? `${c.status} (${c.reason})` : (c.status ?? '');
}

const apiServiceTable = printer(
  [nameColumn, column('Service', 'The service behind the API, or Local.'), column('Available', 'Whether the API is being served.'), ageColumn],
  (svc, now) => {
    const ref = svc.spec?.service;
    return [nameOf(svc), ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : 'Local', apiServiceAvailable(svc), ageOf(svc, now)];
  },
);

export const extensionPrinters: BehaviorTable = {
  'admissionregistration.k8s.io/MutatingWebhookConfiguration': { table: webhookTable() },
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration': { table: webhookTable() },
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy': { table: policyTable },
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding': { table: policyBindingTable },
  'flowcontrol.apiserver.k8s.io/FlowSchema': { table: flowSchemaTable },
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration': { table: priorityLevelTable },
  'apiregistration.k8s.io/APIService': { table: apiServiceTable },
  'apiextensions.k8s.io/CustomResourceDefinition': { table: createdAtPrinter },
};
