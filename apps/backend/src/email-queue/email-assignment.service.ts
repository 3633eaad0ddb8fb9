import { Injectable, Logger } from '@nestjs/common';
import { hasCapability } from '@switchboard/host-contract';
import { ApiError } from '../common/errors/api-error.js';
import { HostApiClientFactory } from '../host/host-api-client.factory.js';
import { InstallationService } from '../installation/installation.service.js';
import { EmailQueueService } from './email-queue.service.js';

/** Threads tried per request when the host says another operator already holds them. */
const MAX_TRIES = 5;

export interface TakenThread {
  threadId: string | null;
  assignedAt: string | null;
}

/**
 * An operator takes the next e-mail through Switchboard (not through the host's hook): claim it,
 * then push the assignment to the host (`emailAssignment`, only if nobody holds it there). A
 * thread the host already gave to someone else is recorded as theirs and the next one is tried;
 * a failed push gives the claim back at once.
 */
@Injectable()
export class EmailAssignmentService {
  private readonly logger = new Logger(EmailAssignmentService.name);

  constructor(
    private readonly queue: EmailQueueService,
    private readonly hosts: HostApiClientFactory,
    private readonly installation: InstallationService,
  ) {}

  async takeNext(tenantId: string, operatorUserId: number): Promise<TakenThread> {
    const tenant = await this.installation.requireTenant(tenantId);
    if (!hasCapability(tenant.capabilities, 'emailAssignment')) {
      throw new ApiError({
        status: 409,
        code: 'email_assignment_unavailable',
        messageKey: 'email_queue.assignment_unavailable',
      });
    }
    const client = await this.hosts.forTenant(tenantId);
    for (let tries = 0; tries < MAX_TRIES; tries += 1) {
      const threadId = await this.queue.claimNext(tenantId, operatorUserId);
      if (threadId === null) return { threadId: null, assignedAt: null };
      let outcome: Awaited<ReturnType<typeof client.assignEmailThread>>;
      try {
        outcome = await client.assignEmailThread(threadId, operatorUserId, {
          onlyIfUnassigned: true,
        });
      } catch (error) {
        this.logger.warn({ tenantId, threadId, err: error }, 'Assigning an e-mail thread failed');
        await this.queue.release(tenantId, threadId, operatorUserId);
        throw new ApiError({
          status: 502,
          code: 'host_unavailable',
          messageKey: 'email_queue.host_unavailable',
        });
      }
      if (outcome.assigned) {
        await this.queue.threadMoved(
          tenantId,
          threadId,
          'assigned',
          operatorUserId,
          new Date(outcome.assignedAt),
        );
        return { threadId, assignedAt: outcome.assignedAt };
      }
      await this.queue.markHeld(tenantId, threadId, outcome.heldBy);
    }
    return { threadId: null, assignedAt: null };
  }
}
