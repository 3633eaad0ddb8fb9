import { z } from 'zod';
import { en, type MessageKey } from './i18n/en.js';
import { SETTING_KEYS, type SettingKey, settingsRegistry } from './registry.js';
import { type ErrorCode } from './schema/error-codes.js';

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

export interface RuleOutsideJsonSchema {
  readonly setting: SettingKey;
  readonly code: ErrorCode;
  readonly reason: string;
}

/**
 * Rules zod enforces that the JSON Schema cannot state. A host validating with the JSON Schema
 * alone must expect the backend to refuse these with a 422. Every other rule, the conditional ones
 * included (if/then, anyOf, uniqueItems), is in the JSON Schema too; the tests check both lists.
 */
export const RULES_OUTSIDE_JSON_SCHEMA: readonly RuleOutsideJsonSchema[] = [
  {
    setting: 'phone.callerIdSelection',
    code: 'default_number_not_allowed',
    reason: 'compares two values of the document (the default must be in the allowed list)',
  },
  {
    setting: 'chat.offlineCallback',
    code: 'interval_order',
    reason: 'compares two times (start before end)',
  },
  {
    setting: 'chat.offlineCallback',
    code: 'interval_overlap',
    reason: 'compares intervals with each other',
  },
  {
    setting: 'chat.offlineCallback',
    code: 'duplicate_date',
    reason: 'uniqueness of one field across list items (uniqueItems compares whole items)',
  },
  {
    setting: 'chat.offlineCallback',
    code: 'invalid_time_zone',
    reason: "needs the runtime's time-zone database; JSON Schema checks only the name's shape",
  },
  {
    setting: 'general.autoAnonymization',
    code: 'window_empty',
    reason: 'compares two times (start differs from end)',
  },
  {
    setting: 'general.autoAnonymization',
    code: 'invalid_time_zone',
    reason: "needs the runtime's time-zone database; JSON Schema checks only the name's shape",
  },
  {
    setting: 'chat.clientFileSending',
    code: 'duplicate_item',
    reason: 'extensions are normalised first, so "pdf" and ".PDF" collide only after normalising',
  },
];

export interface JsonSchemaOptions {
  /** Describe a patch (every property optional) instead of a complete set of values. */
  partial?: boolean;
}

function describeSetting(key: SettingKey): string {
  const definition = settingsRegistry[key];
  const notes = [
    definition.scope === 'package'
      ? 'Scope: package (a web-chat package may override the tenant value).'
      : 'Scope: tenant.',
    definition.entitlement ? `Requires the "${definition.entitlement}" entitlement.` : '',
    definition.unit ? `Unit: ${definition.unit}.` : '',
  ];
  return [en[definition.helpKey as MessageKey], ...notes].filter(Boolean).join(' ');
}

/** The JSON Schema of one setting's value, documented with its English label and help. */
export function settingJsonSchema(key: SettingKey): Record<string, unknown> {
  const definition = settingsRegistry[key];
  const generated = z.toJSONSchema(definition.schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'throw',
  }) as Record<string, unknown>;
  const { $schema: _dialect, ...schema } = generated;
  return {
    title: en[definition.labelKey as MessageKey],
    description: describeSetting(key),
    ...schema,
    default: structuredClone(definition.defaultValue),
  };
}

/**
 * JSON Schema (draft 2020-12) of the settings keyed by dotted key: complete values by default,
 * or a patch with `{ partial: true }`. Cross-field rules are expressed with if/then and anyOf;
 * the few that cannot be are listed in {@link RULES_OUTSIDE_JSON_SCHEMA}.
 */
export function toJsonSchema(options: JsonSchemaOptions = {}): Record<string, unknown> {
  const partial = options.partial ?? false;
  return {
    $schema: JSON_SCHEMA_DIALECT,
    $id: partial ? 'urn:switchboard:settings-patch' : 'urn:switchboard:settings-values',
    title: partial ? 'Switchboard settings patch' : 'Switchboard settings',
    description: partial
      ? 'Some Switchboard settings, keyed by dotted setting key (a tenant patch or a package override).'
      : 'Every Switchboard setting, keyed by dotted setting key.',
    type: 'object',
    properties: Object.fromEntries(SETTING_KEYS.map((key) => [key, settingJsonSchema(key)])),
    ...(partial ? {} : { required: [...SETTING_KEYS] }),
    additionalProperties: false,
  };
}

/** The file the build writes for hosts: the complete-values schema, pretty-printed. */
export function renderJsonSchemaFile(): string {
  return `${JSON.stringify(toJsonSchema(), null, 2)}\n`;
}
