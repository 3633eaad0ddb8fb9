import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { AvStartRequest, AvStartResponse } from '@switchboard/host-contract';
import { type DecisionContext, DecisionHookRegistry } from '../host/decision-hook.registry.js';
import { SettingsCacheService } from '../settings/settings-cache.service.js';

/**
 * The AV-start hook (setting 6): record when the package's effective value (package override,
 * else tenant value) is on. Without the `av` entitlement the effective value is the default, off.
 */
@Injectable()
export class AvStartDecider implements OnModuleInit {
  constructor(
    private readonly registry: DecisionHookRegistry,
    private readonly settings: SettingsCacheService,
  ) {}

  onModuleInit(): void {
    this.registry.register('avStart', (request, context) => this.decide(request, context));
  }

  async decide(request: AvStartRequest, context: DecisionContext): Promise<AvStartResponse> {
    const packageId = request.packageId == null ? null : String(request.packageId);
    const { values } = (await this.settings.effective(context.tenantId, packageId)).body;
    return { record: values['chat.avRecording'] };
  }
}
