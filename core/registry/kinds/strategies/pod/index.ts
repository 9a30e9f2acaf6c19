export { createPodBehavior, podDefaults } from './pod.js';
export { podSpecDefaults, podTemplateDefaults } from './pod-defaults.js';
export { qosClassOf, type QOSClass } from './qos.js';
export { validatePodSpec, validatePodTemplateSpec, validateTolerations } from './pod-spec-validation.js';
export { validateResources } from './container-validation.js';
export { podWarnings } from './pod-warnings.js';
export { mountServiceAccountToken, tokenVolume, TOKEN_MOUNT_PATH } from './service-account-token.js';
export { addDefaultTolerations, admitNewPod } from './pod-admission.js';
export { podTemplateBehavior } from './pod-template.js';
