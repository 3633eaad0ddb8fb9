export * from './cs.js';
export * from './en.js';
export * from './translate.js';
