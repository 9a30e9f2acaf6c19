export { canonicalJson } from '../util/canonical-json.js';
