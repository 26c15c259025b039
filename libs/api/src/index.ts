// Public entry point of api.
export * from './object-meta.js';
export * from './resource-types.js';
