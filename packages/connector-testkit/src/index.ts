export * from './reference/index.js';
export * from './conformance/index.js';
