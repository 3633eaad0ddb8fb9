export * from './chat.settings.js';
export * from './email.settings.js';
export * from './general.settings.js';
export * from './phone.settings.js';
