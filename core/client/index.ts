export * from './client.js';
export * from './informer.js';
export * from './workqueue.js';
export * from './controller.js';
export * from './events.js';
