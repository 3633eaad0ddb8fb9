import { defineSetting, indexByKey, optionHints } from '../definition.js';
import {
  bool,
  doc,
  int,
  literal,
  nonEmptyList,
  object,
  oneOf,
  reportIssue,
  switchable,
  text,
  uniqueList,
  whenEnabled,
} from '../schema/primitives.js';
import { timeOfDaySchema, timeZoneSchema } from '../schema/time.js';

export const PREVIEW_FIELDS = ['deviceType', 'os', 'browser', 'country', 'language'] as const;
export type PreviewField = (typeof PREVIEW_FIELDS)[number];

export const BAN_DURATIONS = ['permanent', '1h', '24h', '7d', '30d'] as const;
export type BanDuration = (typeof BAN_DURATIONS)[number];

/** The host's session channels (SessionChannel: Chat, AV, Phone). */
export const SESSION_CHANNELS = ['chat', 'av', 'phone'] as const;
export type SessionChannel = (typeof SESSION_CHANNELS)[number];

export const waitingClientPreviewSchema = object({
  enabled: bool().meta(doc('settings.common.enabled.label')),
  fields: uniqueList(oneOf(PREVIEW_FIELDS), { max: PREVIEW_FIELDS.length }).meta(
    doc('settings.general.waitingClientPreview.fields.label'),
  ),
})
  .superRefine((value, ctx) => {
    if (value.enabled && value.fields.length === 0) reportIssue(ctx, 'fields_required', ['fields']);
  })
  .meta(whenEnabled({ fields: nonEmptyList }));

export const operatorsMayBanSchema = object({
  enabled: bool().meta(doc('settings.common.enabled.label')),
  offeredDurations: uniqueList(oneOf(BAN_DURATIONS), { max: BAN_DURATIONS.length }).meta(
    doc('settings.general.operatorsMayBan.offeredDurations.label'),
  ),
})
  .superRefine((value, ctx) => {
    if (value.enabled && value.offeredDurations.length === 0) {
      reportIssue(ctx, 'durations_required', ['offeredDurations']);
    }
  })
  .meta(whenEnabled({ offeredDurations: nonEmptyList }));

/** A daily window that may cross midnight (22:00–04:00); only an empty one is refused. */
const runWindowSchema = object({
  start: timeOfDaySchema().meta(doc('settings.common.interval.start.label')),
  end: timeOfDaySchema().meta(doc('settings.common.interval.end.label')),
})
  .superRefine((window, ctx) => {
    if (window.start === window.end) reportIssue(ctx, 'window_empty', ['end']);
  })
  .meta(
    doc(
      'settings.general.autoAnonymization.window.label',
      'settings.general.autoAnonymization.window.help',
    ),
  );

export const anonymizationRuleSchema = object({
  enabled: literal(true).meta(doc('settings.common.enabled.label')),
  olderThanDays: int(1, 3650).meta(doc('settings.general.autoAnonymization.olderThanDays.label')),
  channels: uniqueList(oneOf(SESSION_CHANNELS), { min: 1, max: SESSION_CHANNELS.length })
    .meta(
      doc(
        'settings.general.autoAnonymization.channels.label',
        'settings.general.autoAnonymization.channels.help',
      ),
    )
    .optional(),
  packageIds: uniqueList(text(64), { min: 1, max: 500 })
    .meta(
      doc(
        'settings.general.autoAnonymization.packageIds.label',
        'settings.general.autoAnonymization.packageIds.help',
      ),
    )
    .optional(),
  exemptTags: uniqueList(text(100), { min: 1, max: 100 })
    .meta(
      doc(
        'settings.general.autoAnonymization.exemptTags.label',
        'settings.general.autoAnonymization.exemptTags.help',
      ),
    )
    .optional(),
  window: runWindowSchema,
  timeZone: timeZoneSchema(),
});

export const autoAnonymizationSchema = switchable(anonymizationRuleSchema);

const enabledField = { input: 'toggle', labelKey: 'settings.common.enabled.label' } as const;
const whenOn = { enabled: true } as const;

export const generalSettings = indexByKey(
  defineSetting({
    key: 'general.waitingClientPreview',
    scope: 'tenant',
    schema: waitingClientPreviewSchema,
    defaultValue: { enabled: true, fields: ['deviceType', 'browser', 'country'] },
    order: 1,
    ui: {
      input: 'toggle',
      fields: {
        enabled: enabledField,
        fields: {
          input: 'multiselect',
          labelKey: 'settings.general.waitingClientPreview.fields.label',
          options: optionHints('previewField', PREVIEW_FIELDS),
          visibleWhen: whenOn,
        },
      },
    },
  }),
  defineSetting({
    key: 'general.showRoutedOperators',
    scope: 'tenant',
    schema: bool(),
    defaultValue: false,
    order: 2,
    ui: { input: 'toggle' },
  }),
  defineSetting({
    key: 'general.operatorsMayBan',
    scope: 'tenant',
    schema: operatorsMayBanSchema,
    defaultValue: { enabled: true, offeredDurations: [...BAN_DURATIONS] },
    order: 3,
    ui: {
      input: 'toggle',
      fields: {
        enabled: enabledField,
        offeredDurations: {
          input: 'multiselect',
          labelKey: 'settings.general.operatorsMayBan.offeredDurations.label',
          options: optionHints('banDuration', BAN_DURATIONS),
          visibleWhen: whenOn,
        },
      },
    },
  }),
  defineSetting({
    key: 'general.autoAnonymization',
    scope: 'tenant',
    schema: autoAnonymizationSchema,
    defaultValue: { enabled: false },
    order: 4,
    ui: {
      input: 'anonymization-rule',
      fields: {
        enabled: enabledField,
        olderThanDays: {
          input: 'number',
          labelKey: 'settings.general.autoAnonymization.olderThanDays.label',
          unit: 'days',
          visibleWhen: whenOn,
        },
        channels: {
          input: 'multiselect',
          labelKey: 'settings.general.autoAnonymization.channels.label',
          helpKey: 'settings.general.autoAnonymization.channels.help',
          options: optionHints('sessionChannel', SESSION_CHANNELS),
          visibleWhen: whenOn,
        },
        packageIds: {
          input: 'multiselect',
          labelKey: 'settings.general.autoAnonymization.packageIds.label',
          helpKey: 'settings.general.autoAnonymization.packageIds.help',
          visibleWhen: whenOn,
        },
        exemptTags: {
          input: 'text-list',
          labelKey: 'settings.general.autoAnonymization.exemptTags.label',
          helpKey: 'settings.general.autoAnonymization.exemptTags.help',
          visibleWhen: whenOn,
        },
        window: {
          input: 'time-window',
          labelKey: 'settings.general.autoAnonymization.window.label',
          helpKey: 'settings.general.autoAnonymization.window.help',
          visibleWhen: whenOn,
        },
        timeZone: {
          input: 'time-zone',
          labelKey: 'settings.common.timeZone.label',
          helpKey: 'settings.common.timeZone.help',
          visibleWhen: whenOn,
        },
      },
    },
  }),
);
