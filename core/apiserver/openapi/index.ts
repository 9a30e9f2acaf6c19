export { createOpenApiProvider, type OpenApiSources } from './provider.js';
export type { SchemaMap } from './closure.js';
