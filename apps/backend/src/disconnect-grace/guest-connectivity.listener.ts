import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { type HostEvent, hostEvent } from '../host/host.events.js';
import { DisconnectGraceService } from './disconnect-grace.service.js';

/** Guest connectivity (extension events) and the session's end drive the grace timer. */
@Injectable()
export class GuestConnectivityListener {
  constructor(private readonly grace: DisconnectGraceService) {}

  @OnEvent(hostEvent('GuestDisconnected'), { suppressErrors: false })
  async disconnected(event: HostEvent<'GuestDisconnected'>): Promise<void> {
    const data = event.envelope.data;
    await this.grace.disconnected({
      tenantId: event.tenantId,
      sessionId: data.sessionId,
      packageId: data.packageId == null ? null : String(data.packageId),
      time: data.time,
    });
  }

  @OnEvent(hostEvent('GuestReconnected'), { suppressErrors: false })
  async reconnected(event: HostEvent<'GuestReconnected'>): Promise<void> {
    const data = event.envelope.data;
    await this.grace.reconnected({
      tenantId: event.tenantId,
      sessionId: data.sessionId,
      time: data.time,
    });
  }

  @OnEvent(hostEvent('SessionEnded'), { suppressErrors: false })
  async sessionEnded(event: HostEvent<'SessionEnded'>): Promise<void> {
    await this.grace.sessionEnded(event.tenantId, event.envelope.data.id);
  }
}
