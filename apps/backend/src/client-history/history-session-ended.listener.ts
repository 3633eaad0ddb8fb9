import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { type HostEvent, hostEvent } from '../host/host.events.js';
import { ClientHistoryService } from './client-history.service.js';

/** SessionEnded: the conversation is complete, so it joins its device's history. */
@Injectable()
export class HistorySessionEndedListener {
  constructor(private readonly history: ClientHistoryService) {}

  @OnEvent(hostEvent('SessionEnded'), { suppressErrors: false })
  async handle(event: HostEvent<'SessionEnded'>): Promise<void> {
    await this.history.index(event.tenantId, event.envelope.data.id);
  }
}
