import { type Category } from './definition.js';
import {
  SETTING_KEYS,
  type SettingKey,
  type SettingValue,
  type SettingValues,
  settingsRegistry,
} from './registry.js';

type CategoryOfKey<K extends string> = K extends `${infer C}.${string}` ? C : never;
type NameOfKey<K extends string> = K extends `${string}.${infer N}` ? N : never;

/** The settings as a nested object: `settings.chat.statusWhenAllAway`. */
export type Settings = {
  [C in Category]: {
    [K in SettingKey as CategoryOfKey<K> extends C ? NameOfKey<K> : never]: SettingValue<K>;
  };
};

function nameOf(key: SettingKey): string {
  return key.slice(settingsRegistry[key].category.length + 1);
}

export function toSettings(values: SettingValues): Settings {
  const nested: Record<Category, Record<string, unknown>> = {
    general: {},
    phone: {},
    chat: {},
    email: {},
  };
  for (const key of SETTING_KEYS) {
    nested[settingsRegistry[key].category][nameOf(key)] = values[key];
  }
  return nested as Settings;
}

export function fromSettings(settings: Settings): SettingValues {
  const nested = settings as Record<Category, Record<string, unknown>>;
  return Object.fromEntries(
    SETTING_KEYS.map((key) => [key, nested[settingsRegistry[key].category][nameOf(key)]]),
  ) as SettingValues;
}
