import { z } from 'zod';
import { defineSetting, indexByKey, optionHints } from '../definition.js';
import { withErrorKeys } from '../schema/error-map.js';
import {
  bool,
  doc,
  email,
  hasProperties,
  int,
  isoDate,
  list,
  literal,
  nonEmptyList,
  object,
  oneOf,
  reportIssue,
  switchable,
  text,
  uniqueList,
} from '../schema/primitives.js';
import { WEEKDAYS, type Weekday, intervalListSchema, timeZoneSchema } from '../schema/time.js';

export const AWAY_STATUSES = ['busy', 'offline'] as const;
export type AwayStatus = (typeof AWAY_STATUSES)[number];

export const REPLY_TO_MODES = ['operator', 'company'] as const;
export type ReplyToMode = (typeof REPLY_TO_MODES)[number];

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const CALLBACK_NUMBER_BLOCK_MAX_SECONDS = 7 * DAY;
export const CLIENT_DISCONNECT_GRACE_MAX_SECONDS = 60 * MINUTE;
export const MAX_EXCEPTION_DATES = 366;

export const transcriptReplyToSchema = object({
  mode: oneOf(REPLY_TO_MODES).meta(doc('settings.chat.transcriptReplyTo.mode.label')),
  companyAddress: email()
    .meta(doc('settings.chat.transcriptReplyTo.companyAddress.label'))
    .optional(),
})
  .superRefine((value, ctx) => {
    if (value.mode === 'company' && value.companyAddress === undefined) {
      reportIssue(ctx, 'company_address_required', ['companyAddress']);
    }
  })
  .meta({
    if: { ...hasProperties({ mode: { const: 'company' } }), required: ['mode'] },
    then: {
      ...hasProperties({ companyAddress: { type: 'string' } }),
      required: ['companyAddress'],
    },
  });

const weeklyHoursSchema = object({
  mon: intervalListSchema().meta(doc('settings.options.weekday.mon')),
  tue: intervalListSchema().meta(doc('settings.options.weekday.tue')),
  wed: intervalListSchema().meta(doc('settings.options.weekday.wed')),
  thu: intervalListSchema().meta(doc('settings.options.weekday.thu')),
  fri: intervalListSchema().meta(doc('settings.options.weekday.fri')),
  sat: intervalListSchema().meta(doc('settings.options.weekday.sat')),
  sun: intervalListSchema().meta(doc('settings.options.weekday.sun')),
} satisfies Record<Weekday, unknown>).meta(doc('settings.chat.offlineCallback.weeklyHours.label'));

const exceptionSchema = object({
  date: isoDate().meta(doc('settings.chat.offlineCallback.exceptions.date.label')),
  intervals: intervalListSchema().meta(
    doc('settings.chat.offlineCallback.exceptions.intervals.label'),
  ),
  note: text(100).meta(doc('settings.chat.offlineCallback.exceptions.note.label')).optional(),
});

const exceptionListSchema = list(exceptionSchema, { max: MAX_EXCEPTION_DATES })
  .superRefine((exceptions, ctx) => {
    const seen = new Set<string>();
    exceptions.forEach((exception, index) => {
      if (seen.has(exception.date)) {
        reportIssue(ctx, 'duplicate_date', [index, 'date'], { date: exception.date });
      }
      seen.add(exception.date);
    });
  })
  .meta(
    doc(
      'settings.chat.offlineCallback.exceptions.label',
      'settings.chat.offlineCallback.exceptions.help',
    ),
  );

export const offlineCallbackHoursSchema = object({
  enabled: literal(true).meta(doc('settings.common.enabled.label')),
  timeZone: timeZoneSchema(),
  weeklyHours: weeklyHoursSchema,
  exceptions: exceptionListSchema,
})
  .superRefine((value, ctx) => {
    const weekly = WEEKDAYS.some((day) => value.weeklyHours[day].length > 0);
    const onExceptionDates = value.exceptions.some((exception) => exception.intervals.length > 0);
    if (!weekly && !onExceptionDates) reportIssue(ctx, 'hours_required', ['weeklyHours']);
  })
  .meta({
    anyOf: [
      ...WEEKDAYS.map((day) =>
        hasProperties({ weeklyHours: hasProperties({ [day]: nonEmptyList }) }),
      ),
      hasProperties({
        exceptions: { type: 'array', contains: hasProperties({ intervals: nonEmptyList }) },
      }),
    ],
  });

export const offlineCallbackSchema = switchable(offlineCallbackHoursSchema);

const EXTENSION = /^[a-z0-9]{1,10}$/;

/**
 * A file extension, stored lower-case without the dot. Input is normalised first (" .PDF" becomes
 * "pdf"), so the JSON Schema, which describes input, accepts the un-normalised spellings too.
 */
export const fileExtensionSchema = z
  .string(withErrorKeys)
  .trim()
  .toLowerCase()
  .overwrite((extension) => extension.replace(/^\./, ''))
  .regex(EXTENSION, withErrorKeys)
  .meta({ pattern: '^\\s*\\.?[A-Za-z0-9]{1,10}\\s*$' });

export const clientFileSendingSchema = object({
  enabled: bool().meta(doc('settings.common.enabled.label')),
  allowedExtensions: uniqueList(fileExtensionSchema, { min: 1, max: 100 })
    .meta(
      doc(
        'settings.chat.clientFileSending.allowedExtensions.label',
        'settings.chat.clientFileSending.allowedExtensions.help',
      ),
    )
    .optional(),
  maxSizeMb: int(1, 100).meta(doc('settings.chat.clientFileSending.maxSizeMb.label')).optional(),
});

const whenOn = { enabled: true } as const;

export const chatSettings = indexByKey(
  defineSetting({
    key: 'chat.avRecording',
    scope: 'package',
    entitlement: 'av',
    schema: bool(),
    defaultValue: false,
    order: 1,
    ui: { input: 'toggle' },
  }),
  defineSetting({
    key: 'chat.statusWhenAllAway',
    scope: 'package',
    schema: oneOf(AWAY_STATUSES),
    defaultValue: 'busy',
    order: 2,
    ui: { input: 'select', options: optionHints('awayStatus', AWAY_STATUSES) },
  }),
  defineSetting({
    key: 'chat.transcriptReplyTo',
    scope: 'tenant',
    schema: transcriptReplyToSchema,
    defaultValue: { mode: 'operator' },
    order: 3,
    ui: {
      input: 'select',
      options: optionHints('replyTo', REPLY_TO_MODES),
      fields: {
        mode: {
          input: 'select',
          labelKey: 'settings.chat.transcriptReplyTo.mode.label',
          options: optionHints('replyTo', REPLY_TO_MODES),
        },
        companyAddress: {
          input: 'email',
          labelKey: 'settings.chat.transcriptReplyTo.companyAddress.label',
          visibleWhen: { mode: 'company' },
        },
      },
    },
  }),
  defineSetting({
    key: 'chat.offlineCallback',
    scope: 'package',
    schema: offlineCallbackSchema,
    defaultValue: { enabled: false },
    order: 4,
    ui: {
      input: 'weekly-hours',
      fields: {
        enabled: { input: 'toggle', labelKey: 'settings.common.enabled.label' },
        timeZone: {
          input: 'time-zone',
          labelKey: 'settings.common.timeZone.label',
          helpKey: 'settings.common.timeZone.help',
          visibleWhen: whenOn,
        },
        weeklyHours: {
          input: 'weekly-hours',
          labelKey: 'settings.chat.offlineCallback.weeklyHours.label',
          options: optionHints('weekday', WEEKDAYS),
          visibleWhen: whenOn,
        },
        exceptions: {
          input: 'date-exceptions',
          labelKey: 'settings.chat.offlineCallback.exceptions.label',
          helpKey: 'settings.chat.offlineCallback.exceptions.help',
          visibleWhen: whenOn,
        },
      },
    },
  }),
  defineSetting({
    key: 'chat.callbackNumberBlock',
    scope: 'tenant',
    schema: int(0, CALLBACK_NUMBER_BLOCK_MAX_SECONDS),
    defaultValue: 30 * MINUTE,
    unit: 'seconds',
    order: 5,
    ui: { input: 'duration', durationUnits: ['minutes', 'hours', 'days'] },
  }),
  defineSetting({
    key: 'chat.clientFileSending',
    scope: 'package',
    schema: clientFileSendingSchema,
    defaultValue: { enabled: true },
    order: 6,
    ui: {
      input: 'toggle',
      fields: {
        enabled: { input: 'toggle', labelKey: 'settings.common.enabled.label' },
        allowedExtensions: {
          input: 'text-list',
          labelKey: 'settings.chat.clientFileSending.allowedExtensions.label',
          helpKey: 'settings.chat.clientFileSending.allowedExtensions.help',
          visibleWhen: whenOn,
        },
        maxSizeMb: {
          input: 'number',
          labelKey: 'settings.chat.clientFileSending.maxSizeMb.label',
          unit: 'megabytes',
          visibleWhen: whenOn,
        },
      },
    },
  }),
  defineSetting({
    key: 'chat.deleteFilesAfterSession',
    scope: 'tenant',
    schema: bool(),
    defaultValue: false,
    order: 7,
    ui: { input: 'toggle' },
  }),
  defineSetting({
    key: 'chat.clientHistory',
    scope: 'package',
    schema: bool(),
    defaultValue: false,
    order: 8,
    ui: { input: 'toggle' },
  }),
  defineSetting({
    key: 'chat.clientDisconnectGrace',
    scope: 'package',
    schema: int(0, CLIENT_DISCONNECT_GRACE_MAX_SECONDS),
    defaultValue: 60,
    unit: 'seconds',
    order: 9,
    ui: { input: 'duration', durationUnits: ['seconds', 'minutes'] },
  }),
);
