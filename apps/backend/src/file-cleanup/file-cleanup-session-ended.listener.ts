import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { type HostEvent, hostEvent } from '../host/host.events.js';
import { FileCleanupService } from './file-cleanup.service.js';

/** SessionEnded: with setting 12 on, the session's files are deleted by a durable job. */
@Injectable()
export class FileCleanupSessionEndedListener {
  constructor(private readonly cleanup: FileCleanupService) {}

  @OnEvent(hostEvent('SessionEnded'), { suppressErrors: false })
  async handle(event: HostEvent<'SessionEnded'>): Promise<void> {
    await this.cleanup.sessionEnded(event.tenantId, event.envelope.data.id);
  }
}
