import type { KindBehavior } from '../../behavior.js';
import { decoding } from '../common/field.js';
import { podTemplateDefaults } from './pod-defaults.js';
import { validatePodTemplateSpec } from './pod-spec-validation.js';
import { podWarnings } from './pod-warnings.js';

/** The standalone PodTemplate kind: the same template rules the workloads use. */
export const podTemplateBehavior: KindBehavior = {
  strategy: {
    defaults(obj) {
      obj.template ??= {};
      decoding(obj, () => podTemplateDefaults(obj.template));
    },
    validate: (obj) => validatePodTemplateSpec(obj.template, 'template'),
    warnings: (obj) => podWarnings(obj.template?.metadata, obj.template?.spec, 'template'),
  },
};
