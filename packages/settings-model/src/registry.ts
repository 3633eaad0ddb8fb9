import { type z } from 'zod';
import { chatSettings } from './areas/chat.settings.js';
import { emailSettings } from './areas/email.settings.js';
import { generalSettings } from './areas/general.settings.js';
import { phoneSettings } from './areas/phone.settings.js';
import {
  CATEGORIES,
  type Category,
  type Entitlement,
  type Scope,
  type UiHints,
  type Unit,
} from './definition.js';

const definitions = { ...generalSettings, ...phoneSettings, ...chatSettings, ...emailSettings };
type Definitions = typeof definitions;

/** Dotted keys of every setting, e.g. `chat.statusWhenAllAway`. */
export type SettingKey = keyof Definitions;

/** The value of one setting, as its schema outputs it. */
export type SettingValue<K extends SettingKey> = z.output<Definitions[K]['schema']>;

/** One value per setting, keyed by dotted key. */
export type SettingValues = { [K in SettingKey]: SettingValue<K> };

/** Some settings: a tenant's stored overrides, a package's overrides, or a change request. */
export type SettingsPatch = Partial<SettingValues>;

export interface SettingDefinition<K extends SettingKey = SettingKey> {
  readonly key: K;
  readonly category: Category;
  readonly scope: Scope;
  /** The licence flag the tenant needs for this setting; absent when everyone may use it. */
  readonly entitlement?: Entitlement;
  readonly schema: z.ZodType<SettingValue<K>>;
  readonly defaultValue: SettingValue<K>;
  readonly unit?: Unit;
  readonly ui: UiHints;
  readonly labelKey: string;
  readonly helpKey: string;
  /** Position within its area. */
  readonly order: number;
}

export const settingsRegistry: { readonly [K in SettingKey]: SettingDefinition<K> } = definitions;

/** Every key, area by area, in each area's display order. */
export const SETTING_KEYS: readonly SettingKey[] = Object.freeze(
  CATEGORIES.flatMap((category) =>
    (Object.values(settingsRegistry) as SettingDefinition[])
      .filter((definition) => definition.category === category)
      .sort((a, b) => a.order - b.order)
      .map((definition) => definition.key),
  ),
);

export interface Area {
  readonly id: Category;
  readonly labelKey: string;
  readonly settings: readonly SettingKey[];
}

export const areas: readonly Area[] = Object.freeze(
  CATEGORIES.map((id) => ({
    id,
    labelKey: `settings.areas.${id}`,
    settings: SETTING_KEYS.filter((key) => settingsRegistry[key].category === id),
  })),
);

export function isSettingKey(value: unknown): value is SettingKey {
  return typeof value === 'string' && Object.hasOwn(settingsRegistry, value);
}

export function entitlementFor(key: SettingKey): Entitlement | undefined {
  return settingsRegistry[key].entitlement;
}

export function isPackageScoped(key: SettingKey): boolean {
  return settingsRegistry[key].scope === 'package';
}

/** A fresh deep copy of every default, safe to mutate. */
export function defaultValues(): SettingValues {
  return Object.fromEntries(
    SETTING_KEYS.map((key) => [key, structuredClone(settingsRegistry[key].defaultValue)]),
  ) as SettingValues;
}
