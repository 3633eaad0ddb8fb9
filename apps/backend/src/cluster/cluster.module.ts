import { Module } from '@nestjs/common';
import { CacheInvalidationBridge } from './cache-invalidation.bridge.js';

/**
 * What several instances over one PostgreSQL need to agree on beyond the database: today the
 * cache invalidations (`cache.invalidate`, see cache-invalidation.events.ts).
 */
@Module({ providers: [CacheInvalidationBridge], exports: [CacheInvalidationBridge] })
export class ClusterModule {}
