export { secretBehavior, secretDefaults, validateSecret } from './secret.js';
export { configMapBehavior, validateConfigMap } from './config-map.js';
export { MAX_DATA_BYTES } from './data-keys.js';
