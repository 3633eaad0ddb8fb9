import { type z } from 'zod';
import { type MessageKey } from './i18n/en.js';

export type Category = 'general' | 'phone' | 'chat' | 'email';
export const CATEGORIES: readonly Category[] = ['general', 'phone', 'chat', 'email'];

/** `tenant`: one value per tenant. `package`: a tenant value that a web-chat package may override. */
export type Scope = 'tenant' | 'package';

/** Licence flags the host reports per tenant; a setting that names one is unusable without it. */
export type Entitlement = 'phone.callerIdSelection' | 'av';

export type DurationUnit = 'seconds' | 'minutes' | 'hours' | 'days';
/** The unit a stored number is in (durations are always stored in seconds). */
export type Unit = DurationUnit | 'megabytes';

export type InputKind =
  | 'toggle'
  | 'select'
  | 'multiselect'
  | 'number'
  | 'duration'
  | 'email'
  | 'phone-list'
  | 'phone-select'
  | 'text-list'
  | 'time-window'
  | 'time-zone'
  | 'weekly-hours'
  | 'date-exceptions'
  | 'anonymization-rule';

export interface UiOption {
  readonly value: string;
  readonly labelKey: string;
}

/** How the admin renders one field inside an object-valued setting. */
export interface FieldUiHints {
  readonly input: InputKind;
  readonly labelKey: string;
  readonly helpKey?: string;
  readonly options?: readonly UiOption[];
  readonly unit?: Unit;
  /** Show the field only while each named sibling field has the given value. */
  readonly visibleWhen?: Readonly<Record<string, string | boolean>>;
}

export interface UiHints {
  /** The main control: for object values, the control bound to `enabled` or `mode`. */
  readonly input: InputKind;
  /** Position within the area, the same as the definition's `order`. */
  readonly order: number;
  readonly options?: readonly UiOption[];
  /** For `duration`: the units the admin offers; the value is stored in seconds regardless. */
  readonly durationUnits?: readonly DurationUnit[];
  readonly fields?: Readonly<Record<string, FieldUiHints>>;
}

type CategoryOf<K extends string> = K extends `${infer C extends Category}.${string}` ? C : never;

/** Setting keys whose label and help messages exist: a typo in a key fails to compile. */
type KeyWithMessages = {
  [M in MessageKey]: M extends `settings.${infer K}.label`
    ? `settings.${K}.help` extends MessageKey
      ? K
      : never
    : never;
}[MessageKey];

export interface DefinedSetting<K extends string, S extends z.ZodType> {
  readonly key: K;
  readonly category: CategoryOf<K>;
  readonly scope: Scope;
  readonly entitlement?: Entitlement;
  readonly schema: S;
  readonly defaultValue: z.output<S>;
  readonly unit?: Unit;
  readonly ui: UiHints;
  readonly labelKey: `settings.${K}.label`;
  readonly helpKey: `settings.${K}.help`;
  readonly order: number;
}

export interface SettingSpec<K extends string, S extends z.ZodType> {
  key: K;
  scope: Scope;
  entitlement?: Entitlement;
  schema: S;
  defaultValue: z.output<S>;
  unit?: Unit;
  order: number;
  ui: Omit<UiHints, 'order'>;
}

export function defineSetting<
  const K extends KeyWithMessages & `${Category}.${string}`,
  S extends z.ZodType,
>(spec: SettingSpec<K, S>): DefinedSetting<K, S> {
  const [category] = spec.key.split('.') as [CategoryOf<K>];
  return Object.freeze({
    ...spec,
    category,
    ui: Object.freeze({ ...spec.ui, order: spec.order }),
    labelKey: `settings.${spec.key}.label` as const,
    helpKey: `settings.${spec.key}.help` as const,
  });
}

type AnyDefinedSetting = DefinedSetting<string, z.ZodType>;

/** Turns a list of definitions into a record keyed by each definition's own key. */
export function indexByKey<const D extends readonly AnyDefinedSetting[]>(
  ...definitions: D
): { readonly [X in D[number] as X['key']]: X } {
  return Object.freeze(
    Object.fromEntries(definitions.map((definition) => [definition.key, definition])),
  ) as { readonly [X in D[number] as X['key']]: X };
}

/** Option hints for a select: labels live under `settings.options.<set>.<value>`. */
export function optionHints(set: string, values: readonly string[]): readonly UiOption[] {
  return values.map((value) => ({ value, labelKey: `settings.options.${set}.${value}` }));
}
