export { createServiceBehavior } from './service.js';
export { ServiceAllocators, serviceHoldings, serviceOwner, type IpAllocator, type NodePortAllocator } from './service-allocators.js';
export { ClusterIpAllocator } from './cluster-ip-allocator.js';
export { NodePortRangeAllocator } from './node-port-allocator.js';
export { serviceDefaults } from './service-defaults.js';
export { validateServiceSpec, validateServiceUpdate } from './service-validation.js';
