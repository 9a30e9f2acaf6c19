import type { KubeObject } from '../../../../api/types.js';
import type { KindBehavior } from '../../behavior.js';
import { decoding, isObject, listOf } from '../common/field.js';
import { recountGeneration } from '../common/generation.js';
import type { ObjectLookup } from '../lookup.js';
import { admitNewPod } from './pod-admission.js';
import { podSpecDefaults } from './pod-defaults.js';
import { validatePodSpec } from './pod-spec-validation.js';
import { validatePodSpecUpdate } from './pod-update.js';
import { podWarnings } from './pod-warnings.js';
import { qosClassOf } from './qos.js';

/**
 * Writes that went through prepareForUpdate, i.e. the main resource. Subresources (status,
 * binding, ephemeralcontainers, resize) skip it and may legitimately touch fields a plain
 * update may not, so the spec-immutability check only applies to these.
 */
const mainWrites = new WeakSet<KubeObject>();

export function podDefaults(pod: KubeObject): void {
  if (isObject(pod.spec)) decoding(pod, () => podSpecDefaults(pod.spec, { pod: true }));
}

const SCHEDULING_GATED = { type: 'PodScheduled', status: 'False', reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates' };

/** The pod upstream's terminal phases leave nothing to wait for. */
const finished = (pod: KubeObject) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

export function createPodBehavior(lookup?: ObjectLookup): KindBehavior {
  return {
    strategy: {
      defaults: (obj) => podDefaults(obj),
      prepareForCreate(obj) {
        admitNewPod(obj, lookup);
        obj.status = { phase: 'Pending', qosClass: qosClassOf(obj.spec) };
        if (listOf(obj.spec?.schedulingGates).length) obj.status.conditions = [{ ...SCHEDULING_GATED }];
      },
      prepareForUpdate(obj, old) {
        mainWrites.add(obj);
        if (isObject(obj.spec) && isObject(old.spec)) {
          // Ephemeral containers change only through their subresource; priority was fixed at create.
          if (old.spec.ephemeralContainers !== undefined) obj.spec.ephemeralContainers = old.spec.ephemeralContainers;
          else delete obj.spec.ephemeralContainers;
          obj.spec.priority ??= old.spec.priority;
          obj.spec.preemptionPolicy ??= old.spec.preemptionPolicy;
        }
        recountGeneration(obj, old);
      },
      validate: (obj) => validatePodSpec(obj.spec, 'spec'),
      validateUpdate(obj, old) {
        if (!mainWrites.has(obj) || !isObject(obj.spec) || !isObject(old.spec)) return [];
        return validatePodSpecUpdate(obj.spec, old.spec);
      },
      warnings: (obj, old) => (old ? [] : podWarnings(obj.metadata, obj.spec)),
    },
    gracefulDeletion(obj) {
      if (!obj.spec?.nodeName || finished(obj)) return undefined;
      const grace = obj.metadata.deletionGracePeriodSeconds ?? obj.spec?.terminationGracePeriodSeconds ?? 30;
      // A negative period from older clients means "as soon as possible", which upstream treats as 1.
      return grace < 0 ? 1 : grace;
    },
  };
}
