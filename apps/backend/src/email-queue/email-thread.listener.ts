import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { HostApiClientFactory } from '../host/host-api-client.factory.js';
import { type HostEvent, hostEvent } from '../host/host.events.js';
import { EmailQueueService } from './email-queue.service.js';

/**
 * Keeps the queue index in step with the host's e-mail thread events. Created and joined say
 * enough by themselves; a leave or a forward to a group may put the thread back in the queue or
 * not, so the thread is read from the host to know where it is now.
 */
@Injectable()
export class EmailThreadListener {
  constructor(
    private readonly queue: EmailQueueService,
    private readonly hosts: HostApiClientFactory,
  ) {}

  @OnEvent(hostEvent('EmailThreadCreated'), { suppressErrors: false })
  async created(event: HostEvent<'EmailThreadCreated'>): Promise<void> {
    const { id, created } = event.envelope.data;
    await this.queue.threadCreated(event.tenantId, id, new Date(created));
  }

  @OnEvent(hostEvent('EmailThreadOperatorJoined'), { suppressErrors: false })
  async joined(event: HostEvent<'EmailThreadOperatorJoined'>): Promise<void> {
    const { id, userId, time } = event.envelope.data;
    await this.queue.threadMoved(event.tenantId, id, 'assigned', userId, new Date(time));
  }

  @OnEvent(hostEvent('EmailThreadOperatorLeft'), { suppressErrors: false })
  async left(event: HostEvent<'EmailThreadOperatorLeft'>): Promise<void> {
    const { id, time } = event.envelope.data;
    await this.reconcile(event.tenantId, id, new Date(time));
  }

  @OnEvent(hostEvent('EmailThreadForwarded'), { suppressErrors: false })
  async forwarded(event: HostEvent<'EmailThreadForwarded'>): Promise<void> {
    const { id, time, userId } = event.envelope.data;
    if (userId != null) {
      await this.queue.threadMoved(event.tenantId, id, 'assigned', userId, new Date(time));
    } else {
      await this.reconcile(event.tenantId, id, new Date(time));
    }
  }

  private async reconcile(tenantId: string, threadId: string, time: Date): Promise<void> {
    const thread = await (await this.hosts.forTenant(tenantId)).getEmailThread(threadId);
    const place = EmailQueueService.placeOf(thread);
    await this.queue.threadMoved(tenantId, threadId, place.state, place.userId, time);
  }
}
