import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { type HostEvent, hostEvent } from '../host/host.events.js';
import { RecordingsService } from './recordings.service.js';

/** SessionRecordingPostProcessingCompleted: the recordings are ready, refresh the session's list. */
@Injectable()
export class RecordingProcessingListener {
  constructor(private readonly recordings: RecordingsService) {}

  @OnEvent(hostEvent('SessionRecordingPostProcessingCompleted'), { suppressErrors: false })
  async handle(event: HostEvent<'SessionRecordingPostProcessingCompleted'>): Promise<void> {
    await this.recordings.refresh(event.tenantId, event.envelope.data.id);
  }
}
