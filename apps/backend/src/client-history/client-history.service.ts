import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { SessionModel } from '@switchboard/host-contract';
import { translate } from '../common/i18n/translate.js';
import { HostApiClientFactory } from '../host/host-api-client.factory.js';
import { SessionErasureRegistry } from '../privacy/session-erasure.registry.js';
import { SettingsCacheService } from '../settings/settings-cache.service.js';
import { conversationOf } from '../transcripts/conversation.js';
import { ClientHistoryEntry } from './client-history-entry.entity.js';
import type { ClientHistory, HistoryQuery } from './client-history.schemas.js';
import { deviceKey } from './device-key.js';
import type { WidgetPrincipal } from './widget-token.guard.js';

/**
 * Client chat history (setting 13). Ended sessions of a device are indexed while the setting is
 * on for their package (nothing is kept about clients of packages without history); the widget
 * lists the device's conversations newest first. A page is checked against the host before it is
 * shown: a session the host has anonymized (by any route) is dropped from the index for good.
 */
@Injectable()
export class ClientHistoryService implements OnModuleInit {
  private readonly logger = new Logger(ClientHistoryService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly hosts: HostApiClientFactory,
    private readonly settings: SettingsCacheService,
    private readonly erasure: SessionErasureRegistry,
  ) {}

  onModuleInit(): void {
    this.erasure.register('client-history', async ({ tenantId, sessionId }, em) => ({
      category: 'history_index',
      erased: await em.nativeDelete(ClientHistoryEntry, { tenant: tenantId, sessionId }),
    }));
  }

  private async enabled(tenantId: string, packageId: string | null): Promise<boolean> {
    return (await this.settings.effective(tenantId, packageId)).body.values['chat.clientHistory'];
  }

  /** Indexes an ended session of a device; idempotent (a repeated SessionEnded rewrites the row). */
  async index(tenantId: string, sessionId: string): Promise<boolean> {
    const session = await (await this.hosts.forTenant(tenantId)).getSession(sessionId);
    const trackedId = session.guest?.trackedId;
    const packageId = session.packageId == null ? null : String(session.packageId);
    if (!trackedId || session.anonymized != null || !(await this.enabled(tenantId, packageId))) {
      return false;
    }
    const messages = conversationOf(session);
    if (messages.length === 0) return false;
    const fields = {
      deviceKey: deviceKey(tenantId, trackedId),
      packageId,
      channel: session.channel,
      startedAt: new Date(session.created ?? session.guestJoined ?? session.ended ?? Date.now()),
      endedAt: session.ended == null ? null : new Date(session.ended),
      messages,
      indexedAt: new Date(),
    };
    const em = this.em.fork();
    const existing = await em.findOne(ClientHistoryEntry, { tenant: tenantId, sessionId });
    if (existing !== null) {
      Object.assign(existing, fields);
      await em.flush();
      return true;
    }
    try {
      await em.persistAndFlush(
        em.create(ClientHistoryEntry, { tenant: tenantId, sessionId, ...fields }),
      );
    } catch (error) {
      // A concurrent delivery of the same event indexed it first.
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
    }
    return true;
  }

  /** The device's past conversations in packages that have history on, newest first. */
  async list(caller: WidgetPrincipal, query: HistoryQuery): Promise<ClientHistory> {
    const { tenantId } = caller;
    if (!(await this.enabled(tenantId, caller.packageId))) {
      return {
        enabled: false,
        reason: 'history_disabled',
        message: translate(caller.locale, 'client_history.disabled'),
        sessions: [],
        total: 0,
      };
    }
    const device = deviceKey(tenantId, caller.trackedId);
    const em = this.em.fork();
    const packages = new Set(
      (
        await em.find(
          ClientHistoryEntry,
          { tenant: tenantId, deviceKey: device },
          { fields: ['packageId'] },
        )
      ).map((row) => row.packageId),
    );
    const shown: (string | null)[] = [];
    for (const packageId of packages) {
      if (await this.enabled(tenantId, packageId)) shown.push(packageId);
    }
    const packageFilter = [
      ...(shown.some((p) => p !== null)
        ? [{ packageId: { $in: shown.filter((p) => p !== null) } }]
        : []),
      ...(shown.includes(null) ? [{ packageId: null }] : []),
    ];
    if (packageFilter.length === 0) {
      return { enabled: true, sessions: [], total: 0, limit: query.limit, offset: query.offset };
    }
    const where = { tenant: tenantId, deviceKey: device, $or: packageFilter };
    for (;;) {
      const [rows, total] = await em.findAndCount(ClientHistoryEntry, where, {
        orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
        limit: query.limit,
        offset: query.offset,
      });
      const gone = await this.goneOnHost(tenantId, rows);
      if (gone.length > 0) {
        // Dropped for good; the page is read again so that it stays full.
        await em.nativeDelete(ClientHistoryEntry, { tenant: tenantId, sessionId: { $in: gone } });
        continue;
      }
      return {
        enabled: true,
        sessions: rows.map((row) => ({
          sessionId: row.sessionId,
          startedAt: row.startedAt.toISOString(),
          endedAt: row.endedAt?.toISOString() ?? null,
          messages: row.messages,
        })),
        total,
        limit: query.limit,
        offset: query.offset,
      };
    }
  }

  /**
   * Sessions of the page the host has anonymized or no longer has. When the host cannot be asked
   * the page is served from the index, which Switchboard's own anonymization keeps clean.
   */
  private async goneOnHost(tenantId: string, rows: ClientHistoryEntry[]): Promise<string[]> {
    if (rows.length === 0) return [];
    let sessions: SessionModel[];
    try {
      sessions = await (
        await this.hosts.forTenant(tenantId)
      ).listSessions({ sessionId: rows.map((row) => row.sessionId), limit: rows.length });
    } catch (error) {
      this.logger.warn(
        { tenantId, error: error instanceof Error ? error.message : String(error) },
        'client history served without the host check',
      );
      return [];
    }
    const live = new Set(sessions.filter((s) => s.anonymized == null).map((s) => s.id));
    return rows.map((row) => row.sessionId).filter((id) => !live.has(id));
  }
}
