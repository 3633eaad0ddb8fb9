import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { hostEvent, type HostEvent } from '../host/host.events.js';
import { channelOf } from './anonymization-rule.js';
import { EndedSessionIndex } from './ended-session-index.service.js';

/** SessionEnded: the session enters the index anonymization selects from (idempotent upsert). */
@Injectable()
export class SessionEndedListener {
  constructor(private readonly index: EndedSessionIndex) {}

  @OnEvent(hostEvent('SessionEnded'), { suppressErrors: false })
  async handle(event: HostEvent<'SessionEnded'>): Promise<void> {
    const data = event.envelope.data;
    await this.index.recordEnded(event.tenantId, {
      sessionId: data.id,
      channel: channelOf(data.channel),
      endedAt: new Date(data.ended),
    });
  }
}
