import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { type HostEvent, hostEvent } from '../host/host.events.js';
import { PackageStatusService } from './package-status.service.js';
import { presenceFromStatusEvent } from './presence.js';

/** UserStatusChanged: the operator's presence moves the counts of its packages only. */
@Injectable()
export class OperatorStatusListener {
  constructor(private readonly service: PackageStatusService) {}

  @OnEvent(hostEvent('UserStatusChanged'), { suppressErrors: false })
  async handle(event: HostEvent<'UserStatusChanged'>): Promise<void> {
    const report = presenceFromStatusEvent(event.envelope.data);
    if (report === null) return;
    // A decided change schedules its push in the same transaction: the host call never holds
    // the inbox, and a crash cannot lose it.
    await this.service.applyPresence(event.tenantId, report);
  }
}
