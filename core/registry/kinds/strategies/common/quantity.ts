export * from '../../../../api/quantity.js';
