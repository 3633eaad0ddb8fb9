import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { OutboundCallRequest, OutboundCallResponse } from '@switchboard/host-contract';
import { translate } from '../common/i18n/translate.js';
import { type DecisionContext, DecisionHookRegistry } from '../host/decision-hook.registry.js';
import { SettingsCacheService } from '../settings/settings-cache.service.js';
import { chooseCallerId } from './caller-id-options.js';
import { HostCallerIdsService } from './host-caller-ids.service.js';

/** The hook answers inside the host's budget: a first fetch of the host's list waits this long. */
const HOST_LIST_WAIT_MS = 100;

/**
 * The outbound-call hook (setting 5): the operator's chosen number when it is allowed (and the
 * host still lists it), the tenant's default when none was chosen, a refusal otherwise; the host's
 * default while the setting is off or not licensed (an unlicensed setting reads as its default).
 */
@Injectable()
export class OutboundCallDecider implements OnModuleInit {
  constructor(
    private readonly registry: DecisionHookRegistry,
    private readonly settings: SettingsCacheService,
    private readonly callerIds: HostCallerIdsService,
  ) {}

  onModuleInit(): void {
    this.registry.register('outboundCall', (request, context) => this.decide(request, context));
  }

  async decide(
    request: OutboundCallRequest,
    context: DecisionContext,
  ): Promise<OutboundCallResponse> {
    const { values } = (await this.settings.effective(context.tenantId, null)).body;
    const setting = values['phone.callerIdSelection'];
    if (!setting.enabled) return { decision: 'host_default' };
    const { list } = await this.callerIds.get(context.tenantId, { maxWaitMs: HOST_LIST_WAIT_MS });
    const choice = chooseCallerId(setting, list?.available === true ? list.numbers : null, request);
    if (choice.decision !== 'refused') return choice;
    return {
      ...choice,
      message: translate(
        context.locale,
        choice.reason === 'invalid_number'
          ? 'hooks.outbound_call.invalid_number'
          : 'hooks.outbound_call.caller_id_not_allowed',
      ),
    };
  }
}
