/*
 * One table of inputs, run through zod (validate) and through the JSON Schema (ajv): good inputs
 * pass both; each bad input gives its documented code at its path in zod, and is rejected by the
 * JSON Schema unless marked `cannot-express` (those must match RULES_OUTSIDE_JSON_SCHEMA).
 */
import { type ErrorCode, type SettingKey } from '../src/index.js';

export interface GoodCase {
  name: string;
  key: SettingKey;
  value: unknown;
}

export interface BadCase {
  name: string;
  key: SettingKey;
  value: unknown;
  path: string;
  code: ErrorCode;
  jsonSchema?: 'rejects' | 'cannot-express';
}

const closedWeek = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const officeHours = [{ start: '08:00', end: '16:00' }];

export const offlineCallbackOn = {
  enabled: true,
  timeZone: 'Europe/Prague',
  weeklyHours: { ...closedWeek, mon: officeHours, fri: officeHours },
  exceptions: [],
};

const withHours = (day: string, intervals: unknown) => ({
  ...offlineCallbackOn,
  weeklyHours: { ...closedWeek, [day]: intervals },
});

export const anonymizationOn = {
  enabled: true,
  olderThanDays: 365,
  window: { start: '01:00', end: '05:00' },
  timeZone: 'Europe/Prague',
};

export const callerIdsOn = {
  enabled: true,
  allowedNumbers: ['+420800123456', '+420222333444'],
  defaultNumber: '+420800123456',
};

export const goodCases: GoodCase[] = [
  {
    name: 'preview off with no fields',
    key: 'general.waitingClientPreview',
    value: { enabled: false, fields: [] },
  },
  {
    name: 'preview of every field',
    key: 'general.waitingClientPreview',
    value: { enabled: true, fields: ['deviceType', 'os', 'browser', 'country', 'language'] },
  },
  { name: 'routed operators on', key: 'general.showRoutedOperators', value: true },
  {
    name: 'banning off with no durations',
    key: 'general.operatorsMayBan',
    value: { enabled: false, offeredDurations: [] },
  },
  {
    name: 'banning with one duration',
    key: 'general.operatorsMayBan',
    value: { enabled: true, offeredDurations: ['24h'] },
  },
  { name: 'anonymization rule, minimal', key: 'general.autoAnonymization', value: anonymizationOn },
  {
    name: 'anonymization rule with every filter, window across midnight',
    key: 'general.autoAnonymization',
    value: {
      ...anonymizationOn,
      olderThanDays: 3650,
      channels: ['chat', 'av', 'phone'],
      packageIds: ['42', 'web-main'],
      exemptTags: ['legal hold', 'VIP'],
      window: { start: '22:00', end: '04:00' },
      timeZone: 'UTC',
    },
  },
  { name: 'caller ID on', key: 'phone.callerIdSelection', value: callerIdsOn },
  {
    name: 'caller ID off keeps a stale default',
    key: 'phone.callerIdSelection',
    value: { enabled: false, allowedNumbers: [], defaultNumber: '+420800123456' },
  },
  { name: 'AV recording on', key: 'chat.avRecording', value: true },
  { name: 'offline when all away', key: 'chat.statusWhenAllAway', value: 'offline' },
  {
    name: 'replies to the company',
    key: 'chat.transcriptReplyTo',
    value: { mode: 'company', companyAddress: 'podpora@example.cz' },
  },
  {
    name: 'replies to the operator keep a company address',
    key: 'chat.transcriptReplyTo',
    value: { mode: 'operator', companyAddress: 'podpora@example.cz' },
  },
  { name: 'offline callback office hours', key: 'chat.offlineCallback', value: offlineCallbackOn },
  {
    name: 'offline callback: touching intervals, end of day, exception dates',
    key: 'chat.offlineCallback',
    value: {
      ...offlineCallbackOn,
      weeklyHours: {
        ...closedWeek,
        sat: [
          { start: '12:00', end: '16:00' },
          { start: '08:00', end: '12:00' },
          { start: '20:00', end: '24:00' },
        ],
      },
      exceptions: [
        { date: '2025-12-24', intervals: [], note: 'Štědrý den' },
        { date: '2024-02-29', intervals: [{ start: '09:00', end: '11:00' }] },
      ],
    },
  },
  {
    name: 'offline callback only on an exception date',
    key: 'chat.offlineCallback',
    value: {
      ...offlineCallbackOn,
      weeklyHours: closedWeek,
      exceptions: [{ date: '2025-06-01', intervals: officeHours }],
    },
  },
  { name: 'number blocking off', key: 'chat.callbackNumberBlock', value: 0 },
  { name: 'number blocking 7 days', key: 'chat.callbackNumberBlock', value: 604800 },
  {
    name: 'file sending with limits',
    key: 'chat.clientFileSending',
    value: { enabled: true, allowedExtensions: ['pdf', 'jpg'], maxSizeMb: 100 },
  },
  {
    name: 'file extensions in any spelling (normalised)',
    key: 'chat.clientFileSending',
    value: { enabled: true, allowedExtensions: ['.PDF', ' Jpg '] },
  },
  { name: 'delete files on', key: 'chat.deleteFilesAfterSession', value: true },
  { name: 'client history on', key: 'chat.clientHistory', value: true },
  { name: 'disconnect grace 60 min', key: 'chat.clientDisconnectGrace', value: 3600 },
  { name: 'oldest e-mails first', key: 'email.queueOrder', value: 'oldest' },
];

export const badCases: BadCase[] = [
  // general.waitingClientPreview
  {
    name: 'preview not an object',
    key: 'general.waitingClientPreview',
    value: 'yes',
    path: '',
    code: 'invalid_type',
  },
  {
    name: 'preview without enabled',
    key: 'general.waitingClientPreview',
    value: { fields: [] },
    path: 'enabled',
    code: 'required',
  },
  {
    name: 'preview with an unknown field',
    key: 'general.waitingClientPreview',
    value: { enabled: true, fields: ['os'], color: 'red' },
    path: 'color',
    code: 'unknown_field',
  },
  {
    name: 'preview of the IP',
    key: 'general.waitingClientPreview',
    value: { enabled: true, fields: ['ip'] },
    path: 'fields.0',
    code: 'invalid_enum',
  },
  {
    name: 'preview field twice',
    key: 'general.waitingClientPreview',
    value: { enabled: true, fields: ['os', 'os'] },
    path: 'fields.1',
    code: 'duplicate_item',
  },
  {
    name: 'preview on without fields',
    key: 'general.waitingClientPreview',
    value: { enabled: true, fields: [] },
    path: 'fields',
    code: 'fields_required',
  },
  // general.showRoutedOperators
  {
    name: 'routed operators as text',
    key: 'general.showRoutedOperators',
    value: 'true',
    path: '',
    code: 'invalid_type',
  },
  {
    name: 'routed operators null',
    key: 'general.showRoutedOperators',
    value: null,
    path: '',
    code: 'invalid_type',
  },
  // general.operatorsMayBan
  {
    name: 'banning on without durations',
    key: 'general.operatorsMayBan',
    value: { enabled: true, offeredDurations: [] },
    path: 'offeredDurations',
    code: 'durations_required',
  },
  {
    name: 'unknown ban duration',
    key: 'general.operatorsMayBan',
    value: { enabled: true, offeredDurations: ['2h'] },
    path: 'offeredDurations.0',
    code: 'invalid_enum',
  },
  // general.autoAnonymization
  {
    name: 'anonymization without enabled',
    key: 'general.autoAnonymization',
    value: {},
    path: 'enabled',
    code: 'required',
  },
  {
    name: 'anonymization enabled as text',
    key: 'general.autoAnonymization',
    value: { enabled: 'yes' },
    path: 'enabled',
    code: 'invalid_enum',
  },
  {
    name: 'anonymization off with a rule field',
    key: 'general.autoAnonymization',
    value: { enabled: false, olderThanDays: 30 },
    path: 'olderThanDays',
    code: 'unknown_field',
  },
  {
    name: 'anonymization rule without days',
    key: 'general.autoAnonymization',
    value: { ...anonymizationOn, olderThanDays: undefined },
    path: 'olderThanDays',
    code: 'required',
  },
  {
    name: 'anonymization after 0 days',
    key: 'general.autoAnonymization',
    value: { ...anonymizationOn, olderThanDays: 0 },
    path: 'olderThanDays',
    code: 'too_small',
  },
  {
    name: 'anonymization after 3651 days',
    key: 'general.autoAnonymization',
    value: { ...anonymizationOn, olderThanDays: 3651 },
    path: 'olderThanDays',
    code: 'too_big',
  },
  {
    name: 'anonymization after 1.5 days',
    key: 'general.autoAnonymization',
    value: { ...anonymizationOn, olderThanDays: 1.5 },
    path: 'olderThanDays',
    code: 'not_integer',
  },
  {
    name: 'anonymization of no channel',
    key: 'general.autoAnonymization',
    value: { ...anonymizationOn, channels: [] },
    path: 'channels',
    code: 'too_small',
  },
  {
    name: 'anonymization of e-mail channel',
    key: 'general.autoAnonymization',
    value: { ...anonymizationOn, channels: ['email'] },
    path: 'channels.0',
    code: 'invalid_enum',
  },
  {
    name: 'anonymization package listed twice',
    key: 'general.autoAnonymization',
    value: { ...anonymizationOn, packageIds: ['a', 'a'] },
    path: 'packageIds.1',
    code: 'duplicate_item',
  },
  {
    name: 'exempt tag with a leading blank',
    key: 'general.autoAnonymization',
    value: { ...anonymizationOn, exemptTags: [' hold'] },
    path: 'exemptTags.0',
    code: 'invalid_format',
  },
  {
    name: 'run window at 25:00',
    key: 'general.autoAnonymization',
    value: { ...anonymizationOn, window: { start: '25:00', end: '05:00' } },
    path: 'window.start',
    code: 'invalid_format',
  },
  {
    name: 'empty run window',
    key: 'general.autoAnonymization',
    value: { ...anonymizationOn, window: { start: '03:00', end: '03:00' } },
    path: 'window.end',
    code: 'window_empty',
    jsonSchema: 'cannot-express',
  },
  {
    name: 'anonymization time zone with a blank',
    key: 'general.autoAnonymization',
    value: { ...anonymizationOn, timeZone: 'Europe Prague' },
    path: 'timeZone',
    code: 'invalid_format',
  },
  {
    name: 'anonymization in an unknown time zone',
    key: 'general.autoAnonymization',
    value: { ...anonymizationOn, timeZone: 'Mars/Olympus' },
    path: 'timeZone',
    code: 'invalid_time_zone',
    jsonSchema: 'cannot-express',
  },
  // phone.callerIdSelection
  {
    name: 'caller ID not in E.164',
    key: 'phone.callerIdSelection',
    value: { ...callerIdsOn, allowedNumbers: ['+420800123456', '222333444'] },
    path: 'allowedNumbers.1',
    code: 'invalid_format',
  },
  {
    name: 'caller ID listed twice',
    key: 'phone.callerIdSelection',
    value: { ...callerIdsOn, allowedNumbers: ['+420800123456', '+420800123456'] },
    path: 'allowedNumbers.1',
    code: 'duplicate_number',
  },
  {
    name: 'caller ID on without numbers',
    key: 'phone.callerIdSelection',
    value: { enabled: true, allowedNumbers: [], defaultNumber: null },
    path: 'allowedNumbers',
    code: 'numbers_required',
  },
  {
    name: 'caller ID on without a default',
    key: 'phone.callerIdSelection',
    value: { ...callerIdsOn, defaultNumber: null },
    path: 'defaultNumber',
    code: 'default_number_required',
  },
  {
    name: 'default caller ID not allowed',
    key: 'phone.callerIdSelection',
    value: { ...callerIdsOn, defaultNumber: '+420999999999' },
    path: 'defaultNumber',
    code: 'default_number_not_allowed',
    jsonSchema: 'cannot-express',
  },
  {
    name: 'caller ID default missing',
    key: 'phone.callerIdSelection',
    value: { enabled: false, allowedNumbers: [] },
    path: 'defaultNumber',
    code: 'required',
  },
  // chat.avRecording, chat.statusWhenAllAway
  {
    name: 'AV recording as a number',
    key: 'chat.avRecording',
    value: 1,
    path: '',
    code: 'invalid_type',
  },
  {
    name: 'away status "away"',
    key: 'chat.statusWhenAllAway',
    value: 'away',
    path: '',
    code: 'invalid_enum',
  },
  // chat.transcriptReplyTo
  {
    name: 'company replies without an address',
    key: 'chat.transcriptReplyTo',
    value: { mode: 'company' },
    path: 'companyAddress',
    code: 'company_address_required',
  },
  {
    name: 'company address not an e-mail',
    key: 'chat.transcriptReplyTo',
    value: { mode: 'company', companyAddress: 'podpora.example.cz' },
    path: 'companyAddress',
    code: 'invalid_format',
  },
  {
    name: 'replies to the customer',
    key: 'chat.transcriptReplyTo',
    value: { mode: 'customer' },
    path: 'mode',
    code: 'invalid_enum',
  },
  {
    name: 'reply mode missing',
    key: 'chat.transcriptReplyTo',
    value: {},
    path: 'mode',
    code: 'required',
  },
  // chat.offlineCallback
  {
    name: 'offline callback on without any hours',
    key: 'chat.offlineCallback',
    value: {
      ...offlineCallbackOn,
      weeklyHours: closedWeek,
      exceptions: [{ date: '2025-12-24', intervals: [] }],
    },
    path: 'weeklyHours',
    code: 'hours_required',
  },
  {
    name: 'offline callback week without Sunday',
    key: 'chat.offlineCallback',
    value: {
      ...offlineCallbackOn,
      weeklyHours: { ...offlineCallbackOn.weeklyHours, sun: undefined },
    },
    path: 'weeklyHours.sun',
    code: 'required',
  },
  {
    name: 'interval start without leading zero',
    key: 'chat.offlineCallback',
    value: withHours('mon', [{ start: '8:00', end: '12:00' }]),
    path: 'weeklyHours.mon.0.start',
    code: 'invalid_format',
  },
  {
    name: 'interval starting at 24:00',
    key: 'chat.offlineCallback',
    value: withHours('tue', [{ start: '24:00', end: '24:00' }]),
    path: 'weeklyHours.tue.0.start',
    code: 'invalid_format',
  },
  {
    name: 'interval ending before it starts',
    key: 'chat.offlineCallback',
    value: withHours('wed', [{ start: '16:00', end: '08:00' }]),
    path: 'weeklyHours.wed.0.end',
    code: 'interval_order',
    jsonSchema: 'cannot-express',
  },
  {
    name: 'overlapping intervals',
    key: 'chat.offlineCallback',
    value: withHours('thu', [
      { start: '08:00', end: '12:00' },
      { start: '13:00', end: '14:00' },
      { start: '11:00', end: '13:30' },
    ]),
    path: 'weeklyHours.thu.2.start',
    code: 'interval_overlap',
    jsonSchema: 'cannot-express',
  },
  {
    name: 'eleven intervals a day',
    key: 'chat.offlineCallback',
    value: withHours(
      'fri',
      Array.from({ length: 11 }, (_, hour) => ({
        start: `0${hour}:00`.slice(-5),
        end: `0${hour}:30`.slice(-5),
      })),
    ),
    path: 'weeklyHours.fri',
    code: 'too_big',
  },
  {
    name: 'exception on 30 February',
    key: 'chat.offlineCallback',
    value: { ...offlineCallbackOn, exceptions: [{ date: '2025-02-30', intervals: [] }] },
    path: 'exceptions.0.date',
    code: 'invalid_format',
  },
  {
    name: 'exception date twice',
    key: 'chat.offlineCallback',
    value: {
      ...offlineCallbackOn,
      exceptions: [
        { date: '2025-12-24', intervals: [] },
        { date: '2025-12-24', intervals: officeHours },
      ],
    },
    path: 'exceptions.1.date',
    code: 'duplicate_date',
    jsonSchema: 'cannot-express',
  },
  {
    name: 'exception with an empty note',
    key: 'chat.offlineCallback',
    value: { ...offlineCallbackOn, exceptions: [{ date: '2025-12-24', intervals: [], note: '' }] },
    path: 'exceptions.0.note',
    code: 'too_small',
  },
  {
    name: 'offline callback in an unknown time zone',
    key: 'chat.offlineCallback',
    value: { ...offlineCallbackOn, timeZone: 'Europe/Atlantis' },
    path: 'timeZone',
    code: 'invalid_time_zone',
    jsonSchema: 'cannot-express',
  },
  // chat.callbackNumberBlock
  {
    name: 'negative blocking',
    key: 'chat.callbackNumberBlock',
    value: -1,
    path: '',
    code: 'too_small',
  },
  {
    name: 'blocking longer than 7 days',
    key: 'chat.callbackNumberBlock',
    value: 604801,
    path: '',
    code: 'too_big',
  },
  {
    name: 'blocking of 90.5 seconds',
    key: 'chat.callbackNumberBlock',
    value: 90.5,
    path: '',
    code: 'not_integer',
  },
  {
    name: 'blocking as text',
    key: 'chat.callbackNumberBlock',
    value: '1800',
    path: '',
    code: 'invalid_type',
  },
  // chat.clientFileSending
  {
    name: 'no allowed extension',
    key: 'chat.clientFileSending',
    value: { enabled: true, allowedExtensions: [] },
    path: 'allowedExtensions',
    code: 'too_small',
  },
  {
    name: 'extension with a blank inside',
    key: 'chat.clientFileSending',
    value: { enabled: true, allowedExtensions: ['p df'] },
    path: 'allowedExtensions.0',
    code: 'invalid_format',
  },
  {
    name: 'extension twice',
    key: 'chat.clientFileSending',
    value: { enabled: true, allowedExtensions: ['pdf', 'pdf'] },
    path: 'allowedExtensions.1',
    code: 'duplicate_item',
  },
  {
    name: 'extension twice after normalising',
    key: 'chat.clientFileSending',
    value: { enabled: true, allowedExtensions: ['pdf', '.PDF'] },
    path: 'allowedExtensions.1',
    code: 'duplicate_item',
    jsonSchema: 'cannot-express',
  },
  {
    name: 'max size 0 MB',
    key: 'chat.clientFileSending',
    value: { enabled: true, maxSizeMb: 0 },
    path: 'maxSizeMb',
    code: 'too_small',
  },
  {
    name: 'max size 101 MB',
    key: 'chat.clientFileSending',
    value: { enabled: true, maxSizeMb: 101 },
    path: 'maxSizeMb',
    code: 'too_big',
  },
  {
    name: 'file sending without enabled',
    key: 'chat.clientFileSending',
    value: { maxSizeMb: 5 },
    path: 'enabled',
    code: 'required',
  },
  // chat.deleteFilesAfterSession, chat.clientHistory, chat.clientDisconnectGrace, email.queueOrder
  {
    name: 'delete files as text',
    key: 'chat.deleteFilesAfterSession',
    value: 'no',
    path: '',
    code: 'invalid_type',
  },
  {
    name: 'client history null',
    key: 'chat.clientHistory',
    value: null,
    path: '',
    code: 'invalid_type',
  },
  {
    name: 'grace longer than 60 min',
    key: 'chat.clientDisconnectGrace',
    value: 3601,
    path: '',
    code: 'too_big',
  },
  {
    name: 'negative grace',
    key: 'chat.clientDisconnectGrace',
    value: -5,
    path: '',
    code: 'too_small',
  },
  {
    name: 'random e-mail order',
    key: 'email.queueOrder',
    value: 'random',
    path: '',
    code: 'invalid_enum',
  },
];

/** The full path of a case's error, as validate() reports it. */
export const fullPath = (c: BadCase) => (c.path === '' ? c.key : `${c.key}.${c.path}`);
