import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { hostEvent, type HostEvent } from '../host/host.events.js';
import { OfflineCallbackService } from './offline-callback.service.js';

/** The operator who joins a kept offline callback first is the one who gets its contact details. */
@Injectable()
export class OfflineCallbackOperatorJoinedListener {
  constructor(private readonly offline: OfflineCallbackService) {}

  @OnEvent(hostEvent('SessionOperatorJoined'), { suppressErrors: false })
  async onOperatorJoined(event: HostEvent<'SessionOperatorJoined'>): Promise<void> {
    const { id, userId, time } = event.envelope.data;
    await this.offline.taken(event.tenantId, String(id), String(userId), new Date(time));
  }
}
