import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { AuditService } from '../audit/audit.service.js';
import { normalizePhoneNumber } from '../bans/channel-identity.js';
import { TenantProfileService } from '../bans/tenant-profile.service.js';
import { endOnHost, openSessionOnV1Host } from '../bans/v1-enforcement.js';
import { HostApiClientFactory } from '../host/host-api-client.factory.js';
import { hostEvent, type HostEvent } from '../host/host.events.js';
import { SettingsCacheService } from '../settings/settings-cache.service.js';
import { CallbackNumberBlockService } from './callback-number-block.service.js';

/**
 * Same-number blocking on a v1-only host, which asks no hook: a callback session (SessionCreated
 * with source Callback) whose number is blocked is ended right after it was created. The claim
 * records the session, so a redelivered event accepts its own claim again.
 */
@Injectable()
export class CallbackSessionCreatedListener {
  constructor(
    private readonly profiles: TenantProfileService,
    private readonly settings: SettingsCacheService,
    private readonly hosts: HostApiClientFactory,
    private readonly numbers: CallbackNumberBlockService,
    private readonly audit: AuditService,
  ) {}

  @OnEvent(hostEvent('SessionCreated'), { suppressErrors: false })
  async onSessionCreated(event: HostEvent<'SessionCreated'>): Promise<void> {
    if (event.envelope.data.source !== 'Callback') return;
    const { values } = (await this.settings.effective(event.tenantId, null)).body;
    const periodSeconds = values['chat.callbackNumberBlock'];
    if (periodSeconds === 0) return;
    const open = await openSessionOnV1Host(
      this.profiles,
      this.hosts,
      event.tenantId,
      String(event.envelope.data.id),
    );
    if (open === null) return;
    const raw = open.session.phoneCallbackNumber ?? open.session.guest?.channelIdentity ?? null;
    const number = raw === null ? null : normalizePhoneNumber(raw, open.profile.region);
    if (number === null) return;
    const claim = await this.numbers.claim({
      tenantId: event.tenantId,
      number,
      sessionId: open.sessionId,
      periodSeconds,
    });
    if (claim.accepted) return;
    await endOnHost(open, 'callback_number_blocked', this.audit, {
      retryAt: claim.retryAt.toISOString(),
    });
  }
}
