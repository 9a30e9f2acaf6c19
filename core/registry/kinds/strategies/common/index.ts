export * from './field.js';
export * from './names.js';
export * from './selector.js';
export * from './quantity.js';
export * from './base64.js';
export * from './ip.js';
export * from './phase.js';
export * from './generation.js';
