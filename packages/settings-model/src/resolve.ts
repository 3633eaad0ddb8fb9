import {
  SETTING_KEYS,
  type SettingKey,
  type SettingValues,
  type SettingsPatch,
  isPackageScoped,
} from './registry.js';
import { type Settings, toSettings } from './settings.js';

/** Where an effective value came from. */
export type Provenance = 'default' | 'tenant' | 'package';

export interface EffectiveSettings {
  values: SettingValues;
  settings: Settings;
  provenance: Record<SettingKey, Provenance>;
}

function pick<K extends SettingKey>(
  key: K,
  defaults: SettingValues,
  tenant: SettingsPatch,
  packageOverride: SettingsPatch | undefined,
): { value: SettingValues[K]; from: Provenance } {
  // Tenant-scoped keys have no package level: an override stored for one is ignored here, and
  // validate({ scope: 'package' }) refuses to store it in the first place.
  const fromPackage = isPackageScoped(key) ? packageOverride?.[key] : undefined;
  if (fromPackage !== undefined) return { value: fromPackage, from: 'package' };
  const fromTenant = tenant[key];
  if (fromTenant !== undefined) return { value: fromTenant, from: 'tenant' };
  return { value: defaults[key], from: 'default' };
}

/**
 * The effective settings: package override over tenant value over default, per setting, with the
 * level each value came from. Values are deep copies, so callers may cache or mutate them freely.
 */
export function resolveEffective(
  defaults: SettingValues,
  tenant: SettingsPatch,
  packageOverride?: SettingsPatch,
): EffectiveSettings {
  const values: Partial<SettingValues> = {};
  const provenance: Partial<Record<SettingKey, Provenance>> = {};
  const assign = <K extends SettingKey>(key: K) => {
    const { value, from } = pick(key, defaults, tenant, packageOverride);
    values[key] = structuredClone(value);
    provenance[key] = from;
  };
  SETTING_KEYS.forEach(assign);
  const complete = values as SettingValues;
  return {
    values: complete,
    settings: toSettings(complete),
    provenance: provenance as Record<SettingKey, Provenance>,
  };
}
