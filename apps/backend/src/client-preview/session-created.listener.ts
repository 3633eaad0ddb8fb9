import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { hostEvent, type HostEvent } from '../host/host.events.js';
import { ClientPreviewService } from './client-preview.service.js';

/** SessionCreated: derive and keep the waiting client's preview (an upsert: redelivery is a no-op). */
@Injectable()
export class PreviewSessionCreatedListener {
  constructor(private readonly previews: ClientPreviewService) {}

  @OnEvent(hostEvent('SessionCreated'), { suppressErrors: false })
  async onSessionCreated(event: HostEvent<'SessionCreated'>): Promise<void> {
    await this.previews.recordSession(event.tenantId, String(event.envelope.data.id));
  }
}
