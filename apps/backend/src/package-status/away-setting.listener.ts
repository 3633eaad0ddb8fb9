import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { SettingsCacheService } from '../settings/settings-cache.service.js';
import { SETTINGS_UPDATED, type SettingsUpdatedEvent } from '../settings/settings.events.js';
import { PackageStatusService } from './package-status.service.js';

const KEY = 'chat.statusWhenAllAway';

/** A change of `chat.statusWhenAllAway` re-decides the packages whose operators are all away. */
@Injectable()
export class AwaySettingListener {
  private readonly logger = new Logger(AwaySettingListener.name);

  constructor(
    private readonly service: PackageStatusService,
    private readonly settings: SettingsCacheService,
  ) {}

  @OnEvent(SETTINGS_UPDATED)
  async onSettingsUpdated(event: SettingsUpdatedEvent): Promise<void> {
    if (!event.changes.some((change) => change.key === KEY)) return;
    // Listeners run in no fixed order: make sure the decision reads the new values.
    this.settings.invalidate(event.tenantId);
    try {
      await this.service.applySettingChange(event.tenantId);
    } catch (error) {
      this.logger.error(
        { tenantId: event.tenantId, err: error },
        'Re-deciding package status failed',
      );
    }
  }
}
