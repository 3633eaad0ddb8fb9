import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { MikroORM } from '@mikro-orm/core';
import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnModuleInit,
} from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import type { Counter, Gauge } from 'prom-client';
import { InjectEnv } from '../config/config.module.js';
import type { Env } from '../config/env.js';
import {
  TENANT_INSTALLED,
  TENANT_UNINSTALLED,
  type TenantInstalledEvent,
  type TenantUninstalledEvent,
} from '../installation/installation.events.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { SETTINGS_UPDATED, type SettingsUpdatedEvent } from '../settings/settings.events.js';
import { CACHE_INVALIDATE, type CacheInvalidateEvent } from './cache-invalidation.events.js';
import {
  decodeInvalidation,
  encodeInvalidation,
  INVALIDATION_CHANNEL,
} from './invalidation-message.js';
import { PgNotifyListener } from './pg-notify-listener.js';

/** Pauses before the 2nd and 3rd try of a NOTIFY the database refused (a pool hiccup). */
const NOTIFY_RETRY_DELAYS_MS = [100, 500];

type Origin = 'local' | 'remote' | 'resync';

/**
 * Carries cache invalidations between the instances of one PostgreSQL database. It turns the
 * domain events of this instance (`settings.updated`, `tenant.installed`, `tenant.uninstalled`)
 * into the local `cache.invalidate` event, emitted at once, and publishes each with `pg_notify`;
 * the other instances LISTEN on a dedicated connection and emit the same `cache.invalidate`
 * locally. The domain events themselves are never re-emitted elsewhere: their other listeners
 * (audit, the host notification) must run once.
 *
 * A NOTIFY is sent after the change committed (the domain events are emitted after the commit),
 * so an instance that drops its entry on it reloads the committed state. While the listening
 * connection is down nothing arrives; after every (re)connection the instance drops every cache
 * (`scope: 'all'`), as it cannot know what it missed. On SQLite only one instance runs, and the
 * bridge is local: the event is emitted here and published nowhere.
 */
@Injectable()
export class CacheInvalidationBridge implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('ClusterCache');
  /** Tells this instance's own notifications apart from the others'. */
  readonly instanceId = randomUUID();
  private readonly listener: PgNotifyListener | null;
  private readonly sends = new Set<Promise<void>>();
  private readonly invalidations: Counter<'scope' | 'origin'>;
  private readonly notifyFailures: Counter;
  private closing = false;

  constructor(
    @InjectEnv() env: Env,
    private readonly events: EventEmitter2,
    private readonly orm: MikroORM,
    metrics: MetricsService,
  ) {
    this.invalidations = metrics.counter({
      name: 'switchboard_cache_invalidations_total',
      help: 'cache.invalidate events emitted on this instance, by scope and origin (local change, another instance, resync after reconnecting)',
      labelNames: ['scope', 'origin'],
    });
    this.notifyFailures = metrics.counter({
      name: 'switchboard_cache_notify_failures_total',
      help: 'Invalidations this instance could not publish to the others (after retries)',
    });
    const url = env.DATABASE_URL;
    this.listener =
      url === undefined
        ? null
        : new PgNotifyListener({
            connectionString: url,
            channel: INVALIDATION_CHANNEL,
            applicationName: `switchboard-cache-${this.instanceId.slice(0, 8)}`,
            onNotification: (payload) => this.received(payload),
            onListening: (reconnected) => this.resync(reconnected),
            onLost: (error, retryInMs) =>
              this.logger.warn(
                { err: error, retryInMs },
                'Cache invalidation listener lost its connection; reconnecting',
              ),
          });
    if (this.listener !== null) {
      const listener = this.listener;
      metrics.gauge({
        name: 'switchboard_cache_listener_up',
        help: '1 while this instance listens for the other instances’ cache invalidations',
        collect(this: Gauge) {
          this.set(listener.isListening ? 1 : 0);
        },
      });
    }
  }

  /** Whether invalidations travel between instances (PostgreSQL) or stay here (SQLite). */
  get mode(): 'postgresql' | 'local' {
    return this.listener === null ? 'local' : 'postgresql';
  }

  /** Whether this instance hears the others now; always true on SQLite (there are no others). */
  get connected(): boolean {
    return this.listener?.isListening ?? true;
  }

  /** Listening before the app serves, so a request cannot fill a cache nobody invalidates. */
  async onModuleInit(): Promise<void> {
    await this.listener?.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    await this.listener?.stop();
    // The ORM closes after this hook: let the NOTIFYs in flight reach the database first.
    await Promise.allSettled([...this.sends]);
  }

  @OnEvent(SETTINGS_UPDATED)
  onSettingsUpdated(event: SettingsUpdatedEvent): void {
    this.publish({ scope: 'settings', tenantId: event.tenantId });
  }

  @OnEvent(TENANT_INSTALLED)
  @OnEvent(TENANT_UNINSTALLED)
  onTenantChanged(event: TenantInstalledEvent | TenantUninstalledEvent): void {
    this.publish({ scope: 'tenant', tenantId: event.tenantId });
  }

  /** Invalidates here at once, and on every other instance as soon as PostgreSQL tells them. */
  publish(event: CacheInvalidateEvent): void {
    this.emit(event, 'local');
    if (this.listener === null) return;
    const send = this.notify(event);
    this.sends.add(send);
    void send.finally(() => this.sends.delete(send));
  }

  private async notify(event: CacheInvalidateEvent): Promise<void> {
    const payload = encodeInvalidation({ origin: this.instanceId, event });
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.orm.em
          .getConnection()
          .execute('select pg_notify(?, ?)', [INVALIDATION_CHANNEL, payload]);
        return;
      } catch (error) {
        const delay = NOTIFY_RETRY_DELAYS_MS[attempt];
        if (delay === undefined || this.closing) {
          this.notifyFailures.inc();
          // The others keep this tenant's old entries until their next reconnect or restart.
          this.logger.error(
            { err: error, scope: event.scope, tenantId: event.tenantId },
            'Cache invalidation not published to the other instances',
          );
          return;
        }
        await sleep(delay);
      }
    }
  }

  private received(payload: string): void {
    const message = decodeInvalidation(payload);
    if (message === null) {
      this.logger.warn('Ignored a malformed cache invalidation notification');
      return;
    }
    if (message.origin === this.instanceId) return;
    this.emit(message.event, 'remote');
  }

  private resync(reconnected: boolean): void {
    if (reconnected) {
      this.logger.log('Cache invalidation listener reconnected; every cache dropped');
    } else {
      this.logger.log({ channel: INVALIDATION_CHANNEL }, 'Listening for cache invalidations');
    }
    this.emit({ scope: 'all', tenantId: null }, 'resync');
  }

  private emit(event: CacheInvalidateEvent, origin: Origin): void {
    this.invalidations.inc({ scope: event.scope, origin });
    try {
      this.events.emit(CACHE_INVALIDATE, event);
    } catch (error) {
      // A subscriber broke its contract (it must not throw); the writer's request must not fail.
      this.logger.error(
        { err: error, scope: event.scope, tenantId: event.tenantId },
        'A cache.invalidate subscriber threw',
      );
    }
  }
}
