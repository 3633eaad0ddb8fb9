import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { type HostEvent, hostEvent } from '../host/host.events.js';
import {
  TENANT_INSTALLED,
  type TenantInstalledEvent,
} from '../installation/installation.events.js';
import { PackageStatusJobs } from './package-status.jobs.js';

/**
 * Re-reads routing when the host's configuration changed (ApplicationSettingChanged names the
 * setting, never its value, so any change is a reason to re-read) and when a tenant is installed.
 */
@Injectable()
export class RoutingListener {
  private readonly logger = new Logger(RoutingListener.name);

  constructor(private readonly jobs: PackageStatusJobs) {}

  @OnEvent(hostEvent('ApplicationSettingChanged'), { suppressErrors: false })
  async onConfigurationChanged(event: HostEvent<'ApplicationSettingChanged'>): Promise<void> {
    await this.jobs.requestSync(event.tenantId, 'routing');
  }

  @OnEvent(TENANT_INSTALLED)
  async onInstalled(event: TenantInstalledEvent): Promise<void> {
    try {
      await this.jobs.requestSync(event.tenantId, 'sync');
    } catch (error) {
      this.logger.error(
        { tenantId: event.tenantId, err: error },
        'Scheduling the package sync failed',
      );
    }
  }
}
