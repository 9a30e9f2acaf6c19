export { canonicalQuantity } from '../../../api/quantity.js';
