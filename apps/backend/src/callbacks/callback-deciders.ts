import { Injectable, type OnModuleInit } from '@nestjs/common';
import type {
  CallbackRequestRequest,
  CallbackRequestResponse,
  ClientLeftQueueRequest,
  ClientLeftQueueResponse,
} from '@switchboard/host-contract';
import { normalizePhoneNumber } from '../bans/channel-identity.js';
import { TenantProfileService } from '../bans/tenant-profile.service.js';
import { type DecisionContext, DecisionHookRegistry } from '../host/decision-hook.registry.js';
import { SettingsCacheService } from '../settings/settings-cache.service.js';
import { CallbackNumberBlockService } from './callback-number-block.service.js';
import { withinOfflineHours } from './offline-callback-hours.js';
import { OfflineCallbackService, usableContact } from './offline-callback.service.js';

/**
 * The callback-request hook (setting 10, same-number blocking) and the client-left-queue hook
 * (setting 9, offline callback). Both read the settings from the per-instance cache, so a change
 * applies to the next request.
 */
@Injectable()
export class CallbackDeciders implements OnModuleInit {
  constructor(
    private readonly registry: DecisionHookRegistry,
    private readonly settings: SettingsCacheService,
    private readonly profiles: TenantProfileService,
    private readonly numbers: CallbackNumberBlockService,
    private readonly offline: OfflineCallbackService,
  ) {}

  onModuleInit(): void {
    this.registry.register('callbackRequest', (request, context) =>
      this.callbackRequest(request, context),
    );
    this.registry.register('clientLeftQueue', (request, context) =>
      this.clientLeftQueue(request, context),
    );
  }

  async callbackRequest(
    request: CallbackRequestRequest,
    context: DecisionContext,
  ): Promise<CallbackRequestResponse> {
    const region = (await this.profiles.get(context.tenantId))?.region ?? null;
    const number = normalizePhoneNumber(request.phoneNumber, region);
    if (number === null) return { decision: 'refuse', reason: 'invalid_number' };
    const { values } = (await this.settings.effective(context.tenantId, null)).body;
    const periodSeconds = values['chat.callbackNumberBlock'];
    if (periodSeconds === 0) return { decision: 'accept', normalizedNumber: number };
    const claim = await this.numbers.claim({
      tenantId: context.tenantId,
      number,
      sessionId: request.sessionId ?? null,
      periodSeconds,
    });
    return claim.accepted
      ? { decision: 'accept', normalizedNumber: number }
      : {
          decision: 'refuse',
          reason: 'number_blocked',
          retryAt: claim.retryAt.toISOString(),
          normalizedNumber: number,
        };
  }

  async clientLeftQueue(
    request: ClientLeftQueueRequest,
    context: DecisionContext,
  ): Promise<ClientLeftQueueResponse> {
    const packageKey = request.packageId == null ? null : String(request.packageId);
    const { values } = (await this.settings.effective(context.tenantId, packageKey)).body;
    const setting = values['chat.offlineCallback'];
    if (!withinOfflineHours(setting, new Date(request.leftAt))) return { decision: 'drop' };
    const region = (await this.profiles.get(context.tenantId))?.region ?? null;
    const contact = usableContact(request.contact, region);
    if (contact === null) return { decision: 'drop' };
    await this.offline.keep(context.tenantId, request, contact);
    return { decision: 'keep_offline_callback' };
  }
}
