export * from './error-codes.js';
export * from './error-map.js';
export { E164_PATTERN } from './primitives.js';
export * from './time.js';
