import { AppMeta } from './app-meta.entity.js';

/**
 * Every entity of the service, registered explicitly (no folder scanning): a capability adds its
 * entities here and a migration for both dialects (`pnpm db:migration:create <name>`).
 */
export const entities = [AppMeta];
