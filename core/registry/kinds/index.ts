import type { ResourceDescriptor } from '../descriptor.js';
import { mergeSubresources, type BehaviorTable } from './behavior.js';
import { catalogDescriptors } from './catalog.js';
import { namespaceBehavior } from './core/namespace.js';
import { printerBehaviors } from './printers/index.js';
import { hpaV1Descriptor } from './autoscaling/hpa-v1.js';

export { definitionName } from './catalog.js';
export type { KindBehavior, BehaviorTable } from './behavior.js';

const BEHAVIORS: BehaviorTable = {
  ...printerBehaviors,
  '/Namespace': { ...printerBehaviors['/Namespace'], ...namespaceBehavior },
};

/** The built-in kinds with their behaviour attached; `extra` lets the composition root add more. */
export function builtinDescriptors(extra: BehaviorTable = {}): ResourceDescriptor[] {
  const ds = catalogDescriptors().map((d) => {
    const key = `${d.group}/${d.kind}`;
    let out = d;
    for (const b of [BEHAVIORS[key], extra[key]]) {
      if (!b) continue;
      out = { ...out, ...b, subresources: mergeSubresources(out.subresources, b.subresources) };
    }
    return out;
  });
  const hpa = ds.find((d) => d.group === 'autoscaling' && d.kind === 'HorizontalPodAutoscaler');
  return hpa ? [...ds, hpaV1Descriptor(hpa)] : ds;
}
