import { EntityManager } from '@mikro-orm/core';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { hasCapability } from '@switchboard/host-contract';
import { AuditService, systemActor } from '../audit/audit.service.js';
import { translate } from '../common/i18n/translate.js';
import { HostApiClientFactory } from '../host/host-api-client.factory.js';
import { Tenant } from '../installation/tenant.entity.js';
import { JobHandlerRegistry, type JobContext } from '../jobs/job-handler.registry.js';
import { JobsService } from '../jobs/jobs.service.js';
import { SettingsCacheService } from '../settings/settings-cache.service.js';
import { GuestConnectivity } from './guest-connectivity.entity.js';

export const GRACE_EXPIRED_JOB = 'disconnect-grace.expired';

interface GracePayload {
  sessionId: string;
  disconnectedAt: string;
  graceSeconds: number;
}

const timerKey = (sessionId: string): string => `disconnect-grace:${sessionId}`;

/**
 * Setting 14. A client's drop starts a durable timer keyed by the session (a second drop after a
 * return restarts it); a return within the grace or the end of the session cancels it; when it
 * fires, Switchboard ends the session on the host ("client left"). The timer lives in the jobs
 * table, so a restart or another instance changes nothing, and it fires once. Connectivity events
 * older than the last one applied are ignored: a late disconnect cannot revive a cancelled timer.
 */
@Injectable()
export class DisconnectGraceService implements OnModuleInit {
  private readonly logger = new Logger(DisconnectGraceService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly hosts: HostApiClientFactory,
    private readonly settings: SettingsCacheService,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
    private readonly jobKinds: JobHandlerRegistry,
  ) {}

  onModuleInit(): void {
    this.jobKinds.register<GracePayload>(GRACE_EXPIRED_JOB, (job) => this.expire(job), {
      maxAttempts: 10,
    });
  }

  /** Applies an event if it is the newest for the session; answers the row, or null if stale. */
  private async apply(
    em: EntityManager,
    tenantId: string,
    sessionId: string,
    time: Date,
    connected: boolean,
    graceEndsAt: Date | null,
  ): Promise<GuestConnectivity | null> {
    const row = await em.findOne(GuestConnectivity, { tenant: tenantId, sessionId });
    if (row !== null && row.lastEventAt.getTime() >= time.getTime()) return null;
    if (row === null) {
      return em.create(GuestConnectivity, {
        tenant: tenantId,
        sessionId,
        connected,
        lastEventAt: time,
        graceEndsAt,
      });
    }
    Object.assign(row, { connected, lastEventAt: time, graceEndsAt });
    return row;
  }

  async disconnected(input: {
    tenantId: string;
    sessionId: string;
    packageId: string | null;
    time: string;
  }): Promise<Date | null> {
    const { values } = (await this.settings.effective(input.tenantId, input.packageId)).body;
    const graceSeconds = values['chat.clientDisconnectGrace'];
    const time = new Date(input.time);
    const due = new Date(time.getTime() + graceSeconds * 1000);
    return this.em.fork().transactional(async (em) => {
      const row = await this.apply(em, input.tenantId, input.sessionId, time, false, due);
      if (row === null) return null;
      await this.jobs.schedule(
        {
          kind: GRACE_EXPIRED_JOB,
          tenantId: input.tenantId,
          key: timerKey(input.sessionId),
          dueAt: due,
          payload: {
            sessionId: input.sessionId,
            disconnectedAt: time.toISOString(),
            graceSeconds,
          } satisfies GracePayload,
          replace: true,
        },
        em,
      );
      return due;
    });
  }

  async reconnected(input: {
    tenantId: string;
    sessionId: string;
    time: string;
  }): Promise<boolean> {
    return this.em.fork().transactional(async (em) => {
      const row = await this.apply(
        em,
        input.tenantId,
        input.sessionId,
        new Date(input.time),
        true,
        null,
      );
      if (row === null) return false;
      return this.jobs.cancel(input.tenantId, timerKey(input.sessionId), em);
    });
  }

  /** The session ended some other way: no timer, nothing to remember. */
  async sessionEnded(tenantId: string, sessionId: string): Promise<void> {
    await this.em.fork().transactional(async (em) => {
      await em.nativeDelete(GuestConnectivity, { tenant: tenantId, sessionId });
      await this.jobs.cancel(tenantId, timerKey(sessionId), em);
    });
  }

  private async expire(job: JobContext<GracePayload>): Promise<void> {
    const tenantId = job.tenantId;
    if (tenantId === null) return;
    const { sessionId, disconnectedAt, graceSeconds } = job.payload;
    const em = this.em.fork();
    const row = await em.findOne(GuestConnectivity, { tenant: tenantId, sessionId });
    // The client came back (or the session ended) in a race with the timer.
    if (row === null || row.connected) return;
    const tenant = await em.findOneOrFail(Tenant, { id: tenantId });
    const details = { disconnectedAt, graceSeconds };
    if (!hasCapability(tenant.capabilities, 'endSession')) {
      this.logger.warn({ tenantId, sessionId }, 'grace expired but the host cannot end sessions');
      await this.record(tenantId, sessionId, 'failed', {
        ...details,
        error: 'end_session_unavailable',
      });
      await em.nativeDelete(GuestConnectivity, { tenant: tenantId, sessionId });
      return;
    }
    const answer = await (
      await this.hosts.forTenant(tenantId)
    ).endSession(sessionId, {
      reason: 'disconnect_grace_expired',
      note: translate(tenant.locale, 'disconnect_grace.note', { seconds: graceSeconds }),
    });
    await em.nativeDelete(GuestConnectivity, { tenant: tenantId, sessionId });
    await this.record(tenantId, sessionId, 'success', { ...details, outcome: answer.outcome });
  }

  private async record(
    tenantId: string,
    sessionId: string,
    outcome: 'success' | 'failed',
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record({
      tenantId,
      actor: systemActor,
      action: 'session.ended_after_disconnect',
      target: { type: 'session', id: sessionId },
      outcome,
      details,
    });
  }
}
