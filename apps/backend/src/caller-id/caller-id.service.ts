import { Injectable } from '@nestjs/common';
import { InstallationService } from '../installation/installation.service.js';
import { SettingsCacheService } from '../settings/settings-cache.service.js';
import { pickableNumbers } from './caller-id-options.js';
import type { CallerIdPicker, HostCallerIdsView } from './caller-id.schemas.js';
import { HostCallerIdsService } from './host-caller-ids.service.js';

const ENTITLEMENT = 'phone.callerIdSelection';
/** A panel request waits this long for a first read of the host's list. */
const PANEL_WAIT_MS = 3_000;

/** What the picker and the admin's list show, from the setting and the host's caller IDs. */
@Injectable()
export class CallerIdService {
  constructor(
    private readonly settings: SettingsCacheService,
    private readonly installation: InstallationService,
    private readonly hostCallerIds: HostCallerIdsService,
  ) {}

  private async context(tenantId: string) {
    const [effective, tenant, host] = await Promise.all([
      this.settings.effective(tenantId, null),
      this.installation.requireTenant(tenantId),
      this.hostCallerIds.get(tenantId, { maxWaitMs: PANEL_WAIT_MS }),
    ]);
    return {
      setting: effective.body.values['phone.callerIdSelection'],
      entitled: tenant.entitlements.includes(ENTITLEMENT),
      host,
    };
  }

  async picker(tenantId: string): Promise<CallerIdPicker> {
    const { setting, entitled, host } = await this.context(tenantId);
    const listed = host.list?.available === true ? host.list.numbers : null;
    const labels = new Map((listed ?? []).map((item) => [item.number, item.label]));
    const hostDefault = listed?.find((item) => item.isDefault)?.number ?? null;
    const numbers = pickableNumbers(setting, listed);
    const defaultNumber =
      setting.enabled && setting.defaultNumber !== null && numbers.includes(setting.defaultNumber)
        ? setting.defaultNumber
        : hostDefault;
    return {
      selectionEnabled: setting.enabled,
      entitled,
      defaultNumber,
      numbers: numbers.map((number) => ({
        number,
        label: labels.get(number) ?? null,
        isDefault: number === defaultNumber,
      })),
    };
  }

  async hostNumbers(tenantId: string): Promise<HostCallerIdsView> {
    const { setting, entitled, host } = await this.context(tenantId);
    const list = host.list;
    const numbers = list?.numbers ?? [];
    const allowed = new Set(setting.allowedNumbers);
    const listed = new Set(numbers.map((item) => item.number));
    return {
      entitled,
      selectionEnabled: setting.enabled,
      hostAvailable: list?.available === true,
      fetchedAt: list === null ? null : list.fetchedAt.toISOString(),
      error: host.error,
      numbers: numbers.map((item) => ({
        number: item.number,
        label: item.label,
        isHostDefault: item.isDefault,
        allowed: allowed.has(item.number),
        isDefault: setting.defaultNumber === item.number,
      })),
      allowedNotOnHost:
        list?.available === true ? setting.allowedNumbers.filter((n) => !listed.has(n)) : [],
    };
  }
}
