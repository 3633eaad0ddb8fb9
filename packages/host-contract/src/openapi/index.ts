export * from './extension-openapi.js';
