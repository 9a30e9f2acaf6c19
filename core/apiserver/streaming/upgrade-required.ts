import { badRequest } from '../../api/errors.js';
import type { SubresourceHandler } from '../deps.js';

/**
 * exec, attach and portforward asked for without a connection upgrade (curl, a proxy that
 * strips the header): upstream's answer, rather than a 404 that suggests a wrong path.
 */
export const upgradeRequired: SubresourceHandler = async () => {
  throw badRequest('Upgrade request required');
};
