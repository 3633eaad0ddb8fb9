import { randomUUID } from 'node:crypto';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HostApiError, type SessionModel } from '@switchboard/host-contract';
import { AuditService, systemActor } from '../audit/audit.service.js';
import { ApiError } from '../common/errors/api-error.js';
import { HostApiClientFactory } from '../host/host-api-client.factory.js';
import { Tenant } from '../installation/tenant.entity.js';
import { JobHandlerRegistry, type JobContext } from '../jobs/job-handler.registry.js';
import { JobsService } from '../jobs/jobs.service.js';
import { SessionErasureRegistry } from '../privacy/session-erasure.registry.js';
import { SettingsCacheService } from '../settings/settings-cache.service.js';
import { conversationOf } from './conversation.js';
import { transcriptMessageId } from './message-id.js';
import { safeBranding, TranscriptBrandingSource } from './transcript-branding.js';
import { SmtpNotConfiguredError, TranscriptMailer } from './transcript-mailer.js';
import { renderTranscript } from './transcript-renderer.js';
import { TranscriptRequest, type TranscriptRequester } from './transcript-request.entity.js';
import type { TranscriptRequestView } from './transcripts.schemas.js';

export const SEND_TRANSCRIPT_JOB = 'transcripts.send';
/** SMTP outages are retried for a while (with JOBS_RETRY_BASE_MS 5 s: about ten minutes). */
export const SEND_TRANSCRIPT_ATTEMPTS = 8;

interface SendPayload {
  requestId: string;
}

export interface NewTranscriptRequest {
  tenantId: string;
  sessionId: string;
  recipient: string;
  requestedBy: TranscriptRequester;
  /** Dedupes repeated deliveries: `activity:<id>` or `api:<uuid>`. */
  requestKey: string;
}

function errorText(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(
    0,
    1000,
  );
}

export function viewOf(row: TranscriptRequest): TranscriptRequestView {
  return {
    id: row.id,
    sessionId: row.sessionId,
    recipient: row.recipient,
    requestedBy: row.requestedBy,
    state: row.state,
    messageId: row.messageId,
    replyTo: row.replyTo,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
  };
}

/**
 * Transcript e-mails (setting 8). A request waits until its session has ended (the transcript is
 * then complete), becomes a durable send job, and the job renders the conversation in the
 * tenant's language, time zone and brand and sends it over SMTP with the Reply-To the setting
 * asks for. A failed send is retried by the job with backoff; the last failure is audited.
 */
@Injectable()
export class TranscriptsService implements OnModuleInit {
  private readonly logger = new Logger(TranscriptsService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly hosts: HostApiClientFactory,
    private readonly settings: SettingsCacheService,
    private readonly mailer: TranscriptMailer,
    private readonly branding: TranscriptBrandingSource,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
    private readonly jobKinds: JobHandlerRegistry,
    private readonly erasure: SessionErasureRegistry,
  ) {}

  onModuleInit(): void {
    this.jobKinds.register(
      SEND_TRANSCRIPT_JOB,
      (job: JobContext) => this.runSendJob(job as JobContext<SendPayload>),
      { maxAttempts: SEND_TRANSCRIPT_ATTEMPTS },
    );
    this.erasure.register('transcripts', async ({ tenantId, sessionId }, em) => ({
      category: 'transcript',
      erased: await em.nativeDelete(TranscriptRequest, { tenant: tenantId, sessionId }),
    }));
  }

  /**
   * Records a request (idempotent per request key) and queues it at once when the session has
   * already ended. Answers the stored request.
   */
  async request(input: NewTranscriptRequest, session?: SessionModel): Promise<TranscriptRequest> {
    const id = randomUUID();
    const row = this.em.fork().create(TranscriptRequest, {
      id,
      tenant: input.tenantId,
      sessionId: input.sessionId,
      requestKey: input.requestKey,
      recipient: input.recipient,
      requestedBy: input.requestedBy,
      messageId: transcriptMessageId(
        { tenantId: input.tenantId, sessionId: input.sessionId, requestId: id },
        await this.mailer.domainFor(input.tenantId),
      ),
    });
    let stored: TranscriptRequest;
    try {
      await this.em.fork().persistAndFlush(row);
      stored = row;
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      stored = await this.em
        .fork()
        .findOneOrFail(TranscriptRequest, { tenant: input.tenantId, requestKey: input.requestKey });
    }
    // Read after the row is committed: a SessionEnded handled in between has queued it already.
    const current =
      session ?? (await (await this.hosts.forTenant(input.tenantId)).getSession(input.sessionId));
    if (current.ended != null) await this.queueWaiting(input.tenantId, input.sessionId, stored.id);
    return (await this.find(input.tenantId, stored.id)) ?? stored;
  }

  /** The session ended: every waiting request of it becomes a send job. */
  async sessionEnded(tenantId: string, sessionId: string): Promise<number> {
    return this.queueWaiting(tenantId, sessionId);
  }

  private async queueWaiting(
    tenantId: string,
    sessionId: string,
    onlyId?: string,
  ): Promise<number> {
    return this.em.fork().transactional(async (em) => {
      const waiting = await em.find(TranscriptRequest, {
        tenant: tenantId,
        sessionId,
        state: 'waiting',
        ...(onlyId === undefined ? {} : { id: onlyId }),
      });
      for (const row of waiting) {
        row.state = 'queued';
        await this.jobs.schedule(
          {
            kind: SEND_TRANSCRIPT_JOB,
            tenantId,
            key: `transcript:${row.id}`,
            payload: { requestId: row.id } satisfies SendPayload,
          },
          em,
        );
      }
      return waiting.length;
    });
  }

  async find(tenantId: string, id: string): Promise<TranscriptRequest | null> {
    return this.em.fork().findOne(TranscriptRequest, { tenant: tenantId, id });
  }

  async listForSession(tenantId: string, sessionId: string): Promise<TranscriptRequest[]> {
    return this.em
      .fork()
      .find(TranscriptRequest, { tenant: tenantId, sessionId }, { orderBy: { createdAt: 'asc' } });
  }

  /** The host's session, or 404 `session_not_found` when the host does not know it. */
  async hostSession(tenantId: string, sessionId: string): Promise<SessionModel> {
    try {
      return await (await this.hosts.forTenant(tenantId)).getSession(sessionId);
    } catch (error) {
      if (error instanceof HostApiError && error.status === 404) {
        throw new ApiError({
          status: 404,
          code: 'session_not_found',
          messageKey: 'transcripts.session_not_found',
          params: { sessionId },
        });
      }
      throw error;
    }
  }

  private async runSendJob(job: JobContext<SendPayload>): Promise<void> {
    const tenantId = job.tenantId;
    if (tenantId === null) return;
    const em = this.em.fork();
    const row = await em.findOne(TranscriptRequest, {
      tenant: tenantId,
      id: job.payload.requestId,
    });
    // Erased by anonymization, or already sent by an earlier attempt that lost its completion.
    if (row === null || row.state === 'sent') return;
    row.attempts += 1;
    try {
      await this.send(tenantId, row);
      row.state = 'sent';
      row.sentAt = new Date();
      row.lastError = null;
      // The state and its audit entry in one flush: a reader never sees one without the other.
      await this.audit.record(
        {
          tenantId,
          actor: systemActor,
          action: 'transcript.sent',
          target: { type: 'session', id: row.sessionId },
          outcome: 'success',
          details: {
            requestId: row.id,
            requestedBy: row.requestedBy,
            replyTo: row.replyTo === null ? 'none' : 'set',
            attempts: row.attempts,
          },
        },
        em,
      );
      await em.flush();
    } catch (error) {
      row.lastError = errorText(error);
      const final =
        error instanceof SmtpNotConfiguredError || job.attempt >= SEND_TRANSCRIPT_ATTEMPTS;
      if (final) {
        row.state = 'failed';
        await this.audit.record(
          {
            tenantId,
            actor: systemActor,
            action: 'transcript.failed',
            target: { type: 'session', id: row.sessionId },
            outcome: 'failed',
            details: { requestId: row.id, attempts: row.attempts, error: row.lastError },
          },
          em,
        );
      }
      await em.flush();
      if (!final) throw error;
      this.logger.warn(
        { tenantId, requestId: row.id, error: row.lastError },
        'transcript not sent',
      );
    }
  }

  /** Renders the session's conversation and sends it; sets the row's Reply-To. */
  private async send(tenantId: string, row: TranscriptRequest): Promise<void> {
    if (!(await this.mailer.configuredFor(tenantId))) throw new SmtpNotConfiguredError();
    const client = await this.hosts.forTenant(tenantId);
    const session = await client.getSession(row.sessionId);
    const tenant = await this.em.fork().findOneOrFail(Tenant, { id: tenantId });
    row.replyTo = await this.replyTo(tenantId, session);
    const rendered = renderTranscript({
      locale: tenant.locale,
      timeZone: tenant.timeZone,
      branding: safeBranding(await this.branding.brandingFor(tenantId)),
      sessionId: row.sessionId,
      startedAt: session.created ?? session.started ?? null,
      lines: conversationOf(session),
    });
    await this.mailer.send(tenantId, {
      to: row.recipient,
      replyTo: row.replyTo,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      messageId: row.messageId,
      headers: { 'X-Switchboard-Session': row.sessionId },
    });
  }

  /**
   * Setting 8: the operator's address (the last operator who joined the session), or the
   * company's. When the operator has no address the company address is used if one is set;
   * without either the reply goes to the sender.
   */
  private async replyTo(tenantId: string, session: SessionModel): Promise<string | null> {
    const { values } = (await this.settings.effective(tenantId, null)).body;
    const setting = values['chat.transcriptReplyTo'];
    const company = setting.companyAddress ?? null;
    if (setting.mode === 'company') return company;
    const operator = [...(session.operators ?? [])]
      .filter((o) => o.joined != null)
      .sort((a, b) => Date.parse(a.joined ?? '') - Date.parse(b.joined ?? ''))
      .at(-1);
    if (operator === undefined) return company;
    const user = await (await this.hosts.forTenant(tenantId)).getUser(operator.userId);
    return user.email?.trim() || company;
  }
}
