import { EntityManager } from '@mikro-orm/core';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { hasCapability, sessionFilesOf, type SessionFileRemoval } from '@switchboard/host-contract';
import { AuditService, systemActor } from '../audit/audit.service.js';
import { HostApiClientFactory } from '../host/host-api-client.factory.js';
import { Tenant } from '../installation/tenant.entity.js';
import { JobHandlerRegistry, type JobContext } from '../jobs/job-handler.registry.js';
import { JobsService } from '../jobs/jobs.service.js';
import { SettingsCacheService } from '../settings/settings-cache.service.js';

export const DELETE_SESSION_FILES_JOB = 'file-cleanup.delete-session-files';
/**
 * Attempts before files the host cannot reach are reported. With JOBS_RETRY_BASE_MS at 5 s the
 * retries span about twenty minutes.
 */
export const DELETE_SESSION_FILES_ATTEMPTS = 8;

interface DeletePayload {
  sessionId: string;
}

/** A file is gone once the host says REMOVED or ALREADY_REMOVED; INACCESSIBLE must be retried. */
const isGone = (result: SessionFileRemoval): boolean =>
  result.state === 'REMOVED' || result.state === 'ALREADY_REMOVED';

class FilesNotYetDeleted extends Error {
  constructor(readonly fileIds: number[]) {
    super(`the host could not reach file(s) ${fileIds.join(', ')}`);
    this.name = 'FilesNotYetDeleted';
  }
}

/**
 * Setting 12: when a session ends, a durable job deletes every file of it on the host (the files
 * its activities name, and with the `deleteFiles` extension every file the host holds for it),
 * retrying until each is REMOVED or ALREADY_REMOVED. Files that stay INACCESSIBLE are reported
 * after the last attempt; each outcome is audited.
 */
@Injectable()
export class FileCleanupService implements OnModuleInit {
  private readonly logger = new Logger(FileCleanupService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly hosts: HostApiClientFactory,
    private readonly settings: SettingsCacheService,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
    private readonly jobKinds: JobHandlerRegistry,
  ) {}

  onModuleInit(): void {
    this.jobKinds.register<DeletePayload>(DELETE_SESSION_FILES_JOB, (job) => this.run(job), {
      maxAttempts: DELETE_SESSION_FILES_ATTEMPTS,
    });
  }

  /** The session ended: schedule the deletion when the tenant has the setting on. */
  async sessionEnded(tenantId: string, sessionId: string): Promise<boolean> {
    const { values } = (await this.settings.effective(tenantId, null)).body;
    if (!values['chat.deleteFilesAfterSession']) return false;
    await this.jobs.schedule({
      kind: DELETE_SESSION_FILES_JOB,
      tenantId,
      key: `file-cleanup:${sessionId}`,
      payload: { sessionId } satisfies DeletePayload,
    });
    return true;
  }

  private async run(job: JobContext<DeletePayload>): Promise<void> {
    const tenantId = job.tenantId;
    if (tenantId === null) return;
    const { sessionId } = job.payload;
    const last = job.attempt >= DELETE_SESSION_FILES_ATTEMPTS;
    try {
      const results = await this.deleteAll(tenantId, sessionId);
      const left = results.filter((result) => !isGone(result)).map((result) => result.fileId);
      if (left.length > 0) throw new FilesNotYetDeleted(left);
      await this.audit.record({
        tenantId,
        actor: systemActor,
        action: 'files.deleted_after_session',
        target: { type: 'session', id: sessionId },
        outcome: 'success',
        details: {
          files: results.length,
          removed: results.filter((r) => r.state === 'REMOVED').length,
          alreadyRemoved: results.filter((r) => r.state === 'ALREADY_REMOVED').length,
          attempt: job.attempt,
        },
      });
    } catch (error) {
      if (last) {
        const message = error instanceof Error ? error.message : String(error);
        this.logger.warn({ tenantId, sessionId, error: message }, 'session files not deleted');
        await this.audit.record({
          tenantId,
          actor: systemActor,
          action: 'files.deleted_after_session',
          target: { type: 'session', id: sessionId },
          outcome: 'failed',
          details: {
            ...(error instanceof FilesNotYetDeleted ? { inaccessibleFileIds: error.fileIds } : {}),
            error: message.slice(0, 500),
            attempt: job.attempt,
          },
        });
      }
      throw error;
    }
  }

  /** Every file of the session deleted (or tried) on the host; one result per file. */
  private async deleteAll(tenantId: string, sessionId: string): Promise<SessionFileRemoval[]> {
    const client = await this.hosts.forTenant(tenantId);
    const tenant = await this.em.fork().findOneOrFail(Tenant, { id: tenantId });
    const listed = sessionFilesOf(await client.getSession(sessionId))
      .filter((file) => file.kind === 'file')
      .map((file) => Number(file.id));
    if (!hasCapability(tenant.capabilities, 'deleteFiles')) {
      return listed.length === 0 ? [] : client.deleteSessionFiles(sessionId, listed);
    }
    // The extension deletes every file the host holds for the session, listed or not.
    const results = (await client.deleteAllSessionFiles(sessionId)).results;
    const unanswered = listed.filter((id) => !results.some((result) => result.fileId === id));
    if (unanswered.length === 0) return results;
    return [...results, ...(await client.deleteAllSessionFiles(sessionId, unanswered)).results];
  }
}
