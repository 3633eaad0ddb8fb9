import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { type HostEvent, hostEvent } from '../host/host.events.js';
import { TranscriptsService } from './transcripts.service.js';

/** SessionEnded: the transcript is complete, so the session's waiting requests are sent. */
@Injectable()
export class TranscriptSessionEndedListener {
  constructor(private readonly transcripts: TranscriptsService) {}

  @OnEvent(hostEvent('SessionEnded'), { suppressErrors: false })
  async handle(event: HostEvent<'SessionEnded'>): Promise<void> {
    await this.transcripts.sessionEnded(event.tenantId, event.envelope.data.id);
  }
}
