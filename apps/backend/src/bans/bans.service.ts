import { EntityManager, type FilterQuery, type QueryOrderMap } from '@mikro-orm/core';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HostApiError, type SessionModel } from '@switchboard/host-contract';
import { BAN_DURATIONS, type BanDuration } from '@switchboard/settings-model';
import { AuditService, actorFromPrincipal } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { ApiError } from '../common/errors/api-error.js';
import type { ListQuery } from '../common/rest/list-query.js';
import { InjectEnv } from '../config/config.module.js';
import { databaseDialect, type Env } from '../config/env.js';
import { HostApiClientFactory } from '../host/host-api-client.factory.js';
import { SessionErasureRegistry } from '../privacy/session-erasure.registry.js';
import { SettingsCacheService } from '../settings/settings-cache.service.js';
import { Ban } from './ban.entity.js';
import { fromDatabaseTime, toDatabaseTime } from './database-time.js';
import type {
  BanFilter,
  BanPermissions,
  BanStatus,
  BanView,
  CreateBanBody,
  RevokeBanBody,
} from './bans.schemas.js';
import {
  type BanKind,
  type ChannelIdentity,
  classifyChannelIdentity,
  identityKey,
  normalizeEmail,
  normalizeIdentity,
  normalizePhoneNumber,
} from './channel-identity.js';
import { TenantProfileService } from './tenant-profile.service.js';

const HOUR = 60 * 60 * 1000;
const DURATION_MS: Readonly<Record<BanDuration, number | null>> = {
  permanent: null,
  '1h': HOUR,
  '24h': 24 * HOUR,
  '7d': 7 * 24 * HOUR,
  '30d': 30 * 24 * HOUR,
};

/** A matching active ban, as admission needs it. */
export interface ActiveBan {
  /** null: at least one matching ban never expires. */
  expiresAt: Date | null;
}

/** Enough rows to know whether one of the identities' active bans is permanent. */
const ADMISSION_ROW_LIMIT = 20;

/** Supervisors and admins may always ban; operators only while setting 3 is on. */
function isManager(principal: Principal): boolean {
  return principal.roles.includes('admin') || principal.roles.includes('supervisor');
}

export function banStatus(ban: Ban, now: Date): BanStatus {
  if (ban.revokedAt !== null) return 'revoked';
  return ban.expiresAt !== null && ban.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
}

export function banView(ban: Ban, now: Date = new Date()): BanView {
  return {
    id: ban.id,
    kind: ban.kind,
    value: ban.value,
    reason: ban.reason,
    duration: ban.duration,
    status: banStatus(ban, now),
    expiresAt: ban.expiresAt?.toISOString() ?? null,
    sessionId: ban.sessionId,
    createdAt: ban.createdAt.toISOString(),
    createdBy: { id: ban.createdById, name: ban.createdByName, role: ban.createdByRole },
    revokedAt: ban.revokedAt?.toISOString() ?? null,
    revokedBy: ban.revokedById === null ? null : { id: ban.revokedById, name: ban.revokedByName },
    revokeNote: ban.revokeNote,
  };
}

/** What a ban of `kind` would name in this host session, if anything. */
export function sessionIdentity(
  session: SessionModel,
  kind: BanKind,
  region: string | null,
): string | null {
  const guest = session.guest;
  const channel =
    guest?.channelIdentity == null ? null : classifyChannelIdentity(guest.channelIdentity, region);
  switch (kind) {
    case 'device':
      return normalizeIdentity('device', guest?.trackedId ?? '', region);
    case 'phone':
      if (channel?.kind === 'phone') return channel.value;
      return session.phoneCallbackNumber == null
        ? null
        : normalizePhoneNumber(session.phoneCallbackNumber, region);
    case 'email':
      return channel?.kind === 'email' ? channel.value : null;
    case 'messenger':
      return channel?.kind === 'messenger' ? channel.value : null;
  }
}

/**
 * Setting 3 and its enforcement: bans of a device or channel identity, made by operators (while
 * the tenant allows it), supervisors and admins; listed, searched, revoked and audited. An expired
 * ban stops applying on its own: every query compares `expiresAt` with the current time.
 */
@Injectable()
export class BansService implements OnModuleInit {
  private readonly postgres: boolean;

  constructor(
    private readonly em: EntityManager,
    private readonly settings: SettingsCacheService,
    private readonly hosts: HostApiClientFactory,
    private readonly profiles: TenantProfileService,
    private readonly audit: AuditService,
    private readonly erasure: SessionErasureRegistry,
    @InjectEnv() env: Env,
  ) {
    this.postgres = databaseDialect(env) === 'postgresql';
  }

  onModuleInit(): void {
    // The ban itself outlives the session's anonymization (it protects the tenant); only its
    // link to the anonymized session goes.
    this.erasure.register('bans', async ({ tenantId, sessionId }, em) => ({
      category: 'ban_reference',
      erased: await em.nativeUpdate(Ban, { tenant: tenantId, sessionId }, { sessionId: null }),
    }));
  }

  async permissions(principal: Principal): Promise<BanPermissions> {
    if (isManager(principal)) {
      return { mayBan: true, durations: [...BAN_DURATIONS], customExpiry: true };
    }
    const setting = await this.operatorSetting(principal.tenantId);
    return {
      mayBan: setting.enabled,
      durations: setting.enabled ? [...setting.offeredDurations] : [],
      customExpiry: false,
    };
  }

  async create(principal: Principal, body: CreateBanBody): Promise<BanView> {
    const tenantId = principal.tenantId;
    const manager = isManager(principal);
    if (!manager) {
      const setting = await this.operatorSetting(tenantId);
      if (!setting.enabled) {
        await this.audit.record({
          tenantId,
          actor: actorFromPrincipal(principal),
          action: 'ban.create',
          target: { type: 'ban', id: body.sessionId ?? 'new' },
          outcome: 'denied',
          details: { reason: 'ban_not_allowed', kind: body.kind },
        });
        throw new ApiError({
          status: 403,
          code: 'ban_not_allowed',
          messageKey: 'bans.not_allowed',
        });
      }
    }
    const now = new Date();
    const expiresAt = expiryOf(body, now);
    if (!manager) {
      const offered = (await this.operatorSetting(tenantId)).offeredDurations;
      if (body.duration === undefined || !offered.includes(body.duration)) {
        throw durationNotOffered(offered);
      }
    }
    const value = await this.valueToBan(tenantId, body);
    const ban = new Ban();
    Object.assign(ban, {
      tenant: tenantId,
      kind: body.kind,
      value,
      identityKey: identityKey({ kind: body.kind, value }),
      reason: body.reason,
      duration: body.duration ?? 'custom',
      expiresAt,
      sessionId: body.sessionId ?? null,
      createdAt: now,
      createdById: principal.userId,
      createdByName: principal.userName,
      createdByRole: manager
        ? principal.roles.includes('admin')
          ? 'admin'
          : 'supervisor'
        : 'operator',
    });
    await this.em.fork().transactional(async (em) => {
      em.persist(ban);
      await em.flush();
      await this.audit.record(
        {
          tenantId,
          actor: actorFromPrincipal(principal),
          action: 'ban.create',
          target: { type: 'ban', id: String(ban.id) },
          after: auditFacts(ban),
        },
        em,
      );
    });
    return banView(ban, now);
  }

  async list(
    tenantId: string,
    query: ListQuery<BanFilter>,
  ): Promise<{ rows: BanView[]; total: number }> {
    const now = new Date();
    const region = (await this.profiles.get(tenantId))?.region ?? null;
    const orderBy: QueryOrderMap<Ban>[] = [{ [query.sort.field]: query.sort.order }];
    if (query.sort.field !== 'id') orderBy.push({ id: query.sort.order });
    const [rows, total] = await this.em
      .fork()
      .findAndCount(Ban, this.where(tenantId, query.filter, now, region), {
        orderBy,
        offset: query.range.offset,
        limit: query.range.limit,
      });
    return { rows: rows.map((ban) => banView(ban, now)), total };
  }

  async get(tenantId: string, id: number): Promise<BanView> {
    return banView(await this.require(this.em.fork(), tenantId, id));
  }

  async revoke(principal: Principal, id: number, body: RevokeBanBody): Promise<BanView> {
    const now = new Date();
    const ban = await this.em.fork().transactional(async (em) => {
      const found = await this.require(em, principal.tenantId, id);
      if (found.revokedAt !== null) {
        throw new ApiError({
          status: 409,
          code: 'ban_already_revoked',
          messageKey: 'bans.already_revoked',
          params: { id },
        });
      }
      const before = auditFacts(found);
      found.revokedAt = now;
      found.revokedById = principal.userId;
      found.revokedByName = principal.userName;
      found.revokeNote = body.note ?? null;
      await em.flush();
      await this.audit.record(
        {
          tenantId: principal.tenantId,
          actor: actorFromPrincipal(principal),
          action: 'ban.revoke',
          target: { type: 'ban', id: String(id) },
          before,
          after: { ...auditFacts(found), note: found.revokeNote },
        },
        em,
      );
      return found;
    });
    return banView(ban, now);
  }

  /**
   * The admission check: one indexed query over `(tenant, identity_key)` that reads only the
   * expiry of the matching active bans. null: none of the identities is banned now.
   */
  async activeBan(
    tenantId: string,
    identities: readonly ChannelIdentity[],
    now: Date = new Date(),
  ): Promise<ActiveBan | null> {
    if (identities.length === 0) return null;
    const keys = identities.map(identityKey);
    const time = toDatabaseTime(now, this.postgres);
    const rows = (await this.em.getConnection().execute(
      `select expires_at from ban
        where tenant_id = ? and identity_key in (${keys.map(() => '?').join(', ')})
          and revoked_at is null and (expires_at is null or expires_at > ?)
        limit ${ADMISSION_ROW_LIMIT}`,
      [tenantId, ...keys, time],
      'all',
    )) as { expires_at: unknown }[];
    if (rows.length === 0) return null;
    let latest: Date | null = null;
    for (const row of rows) {
      if (row.expires_at === null) return { expiresAt: null };
      const expiresAt = fromDatabaseTime(row.expires_at);
      if (latest === null || expiresAt > latest) latest = expiresAt;
    }
    return { expiresAt: latest };
  }

  private async operatorSetting(
    tenantId: string,
  ): Promise<{ enabled: boolean; offeredDurations: BanDuration[] }> {
    const { values } = (await this.settings.effective(tenantId, null)).body;
    return values['general.operatorsMayBan'];
  }

  /** The canonical value: as given, or read from the host's session of `sessionId`. */
  private async valueToBan(tenantId: string, body: CreateBanBody): Promise<string> {
    const region = (await this.profiles.get(tenantId))?.region ?? null;
    if (body.value !== undefined) {
      const value = normalizeIdentity(body.kind, body.value, region);
      if (value === null) {
        throw ApiError.validation([
          {
            path: 'value',
            code: 'invalid_identity',
            message: { key: 'bans.invalid_identity', params: { kind: body.kind } },
          },
        ]);
      }
      return value;
    }
    if (body.sessionId === undefined) {
      throw ApiError.validation([
        {
          path: 'value',
          code: 'value_or_session_required',
          message: { key: 'bans.value_or_session_required' },
        },
      ]);
    }
    const client = await this.hosts.forTenant(tenantId);
    let session: SessionModel;
    try {
      session = await client.getSession(body.sessionId);
    } catch (error) {
      if (error instanceof HostApiError && error.status === 404) throw ApiError.notFound();
      throw error;
    }
    const value = sessionIdentity(session, body.kind, region);
    if (value === null) {
      throw ApiError.validation([
        {
          path: 'kind',
          code: 'identity_unavailable',
          message: { key: 'bans.identity_unavailable', params: { kind: body.kind } },
        },
      ]);
    }
    return value;
  }

  private async require(em: EntityManager, tenantId: string, id: number): Promise<Ban> {
    const ban = await em.findOne(Ban, { id, tenant: tenantId });
    if (ban === null) {
      throw new ApiError({
        status: 404,
        code: 'ban_not_found',
        messageKey: 'bans.not_found',
        params: { id },
      });
    }
    return ban;
  }

  private where(
    tenantId: string,
    filter: BanFilter,
    now: Date,
    region: string | null,
  ): FilterQuery<Ban> {
    const conditions: FilterQuery<Ban>[] = [{ tenant: tenantId }];
    if (filter.kind !== undefined) conditions.push({ kind: filter.kind });
    if (filter.sessionId !== undefined) conditions.push({ sessionId: filter.sessionId });
    switch (filter.status) {
      case 'active':
        conditions.push({
          revokedAt: null,
          $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }],
        });
        break;
      case 'expired':
        conditions.push({ revokedAt: null, expiresAt: { $lte: now } });
        break;
      case 'revoked':
        conditions.push({ revokedAt: { $ne: null } });
        break;
      case undefined:
        break;
    }
    if (filter.q !== undefined) {
      const like = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const spellings = new Set([filter.q, filter.q.toLowerCase()]);
      const phone = normalizePhoneNumber(filter.q, region);
      if (phone !== null) spellings.add(phone);
      const email = normalizeEmail(filter.q);
      if (email !== null) spellings.add(email);
      const textMatch = this.postgres ? '$ilike' : '$like';
      conditions.push({
        $or: [
          ...[...spellings].map((text) => ({ value: { [textMatch]: like(text) } })),
          { reason: { [textMatch]: like(filter.q) } },
          { createdByName: { [textMatch]: like(filter.q) } },
        ],
      });
    }
    return { $and: conditions };
  }
}

function durationNotOffered(offered: readonly BanDuration[]): ApiError {
  return new ApiError({
    status: 422,
    code: 'validation_failed',
    messageKey: 'error.validation_failed',
    errors: [
      {
        path: 'duration',
        code: 'duration_not_offered',
        message: { key: 'bans.duration_not_offered', params: { durations: offered.join(', ') } },
      },
    ],
  });
}

/** Exactly one of duration and expiresAt; an expiry must lie ahead. */
function expiryOf(body: CreateBanBody, now: Date): Date | null {
  if ((body.duration === undefined) === (body.expiresAt === undefined)) {
    throw ApiError.validation([
      { path: 'duration', code: 'duration_required', message: { key: 'bans.duration_required' } },
    ]);
  }
  if (body.duration !== undefined) {
    const ms = DURATION_MS[body.duration];
    return ms === null ? null : new Date(now.getTime() + ms);
  }
  const expiresAt = new Date(body.expiresAt!);
  if (expiresAt.getTime() <= now.getTime()) {
    throw ApiError.validation([
      { path: 'expiresAt', code: 'expiry_in_past', message: { key: 'bans.expiry_in_past' } },
    ]);
  }
  return expiresAt;
}

/** What the audit log keeps of a ban: never the banned value itself (it is personal data). */
function auditFacts(ban: Ban): Record<string, unknown> {
  return {
    kind: ban.kind,
    duration: ban.duration,
    expiresAt: ban.expiresAt?.toISOString() ?? null,
    sessionId: ban.sessionId,
    reason: ban.reason,
  };
}
