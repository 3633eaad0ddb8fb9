import { SETTING_KEYS, defaultValues, type SettingKey } from '@switchboard/settings-model';
import type { Provenance } from '@switchboard/settings-model';
import type { SettingsOverview } from '../../src/providers/settingsApi.js';

/** GET /api/settings for a tenant that stored nothing but `stored`. */
export function overviewOf(
  version: number,
  stored: Partial<Record<SettingKey, unknown>> = {},
  entitlements: string[] = ['av', 'phone.callerIdSelection'],
): SettingsOverview {
  const effective = { ...defaultValues(), ...stored } as Record<SettingKey, unknown>;
  const provenance = Object.fromEntries(
    SETTING_KEYS.map((key) => [key, key in stored ? 'tenant' : 'default']),
  ) as Record<SettingKey, Provenance>;
  return { version, tenant: stored, effective, provenance, entitlements, packages: {} };
}
