export * from './circuit-breaker.js';
export * from './host-api-client.js';
export * from './host-api-error.js';
export * from './retry-policy.js';
export * from './semaphore.js';
export * from './token-provider.js';
