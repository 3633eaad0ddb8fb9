import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { AuditService } from '../audit/audit.service.js';
import { HostApiClientFactory } from '../host/host-api-client.factory.js';
import { hostEvent, type HostEvent } from '../host/host.events.js';
import { BansService } from './bans.service.js';
import { identitiesOf } from './channel-identity.js';
import { TenantProfileService } from './tenant-profile.service.js';
import { endOnHost, openSessionOnV1Host } from './v1-enforcement.js';

/**
 * A v1-only host (no decision hooks) admits everyone, so a banned client's session is ended right
 * after SessionCreated instead. Idempotent: a redelivered event finds the session ended.
 */
@Injectable()
export class BanSessionCreatedListener {
  constructor(
    private readonly bans: BansService,
    private readonly profiles: TenantProfileService,
    private readonly hosts: HostApiClientFactory,
    private readonly audit: AuditService,
  ) {}

  @OnEvent(hostEvent('SessionCreated'), { suppressErrors: false })
  async onSessionCreated(event: HostEvent<'SessionCreated'>): Promise<void> {
    const open = await openSessionOnV1Host(
      this.profiles,
      this.hosts,
      event.tenantId,
      String(event.envelope.data.id),
    );
    if (open === null) return;
    const { guest, phoneCallbackNumber } = open.session;
    const identities = identitiesOf({ ...guest, phone: phoneCallbackNumber }, open.profile.region);
    if ((await this.bans.activeBan(event.tenantId, identities)) === null) return;
    await endOnHost(open, 'banned_client', this.audit, { via: 'end_session_after_created' });
  }
}
