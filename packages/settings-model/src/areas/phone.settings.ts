import { defineSetting, indexByKey } from '../definition.js';
import {
  bool,
  doc,
  e164,
  nonEmptyList,
  object,
  reportIssue,
  uniqueList,
  whenEnabled,
} from '../schema/primitives.js';

export const MAX_CALLER_IDS = 100;

export const callerIdSelectionSchema = object({
  enabled: bool().meta(doc('settings.common.enabled.label')),
  allowedNumbers: uniqueList(e164(), { max: MAX_CALLER_IDS }, 'duplicate_number').meta(
    doc(
      'settings.phone.callerIdSelection.allowedNumbers.label',
      'settings.phone.callerIdSelection.allowedNumbers.help',
    ),
  ),
  defaultNumber: e164()
    .nullable()
    .meta(
      doc(
        'settings.phone.callerIdSelection.defaultNumber.label',
        'settings.phone.callerIdSelection.defaultNumber.help',
      ),
    ),
})
  .superRefine((value, ctx) => {
    if (!value.enabled) return;
    if (value.allowedNumbers.length === 0) reportIssue(ctx, 'numbers_required', ['allowedNumbers']);
    if (value.defaultNumber === null) {
      reportIssue(ctx, 'default_number_required', ['defaultNumber']);
    } else if (!value.allowedNumbers.includes(value.defaultNumber)) {
      reportIssue(ctx, 'default_number_not_allowed', ['defaultNumber'], {
        number: value.defaultNumber,
      });
    }
  })
  // "The default is one of the allowed numbers" compares two values: JSON Schema cannot say it.
  .meta(whenEnabled({ allowedNumbers: nonEmptyList, defaultNumber: { type: 'string' } }));

export const phoneSettings = indexByKey(
  defineSetting({
    key: 'phone.callerIdSelection',
    scope: 'tenant',
    entitlement: 'phone.callerIdSelection',
    schema: callerIdSelectionSchema,
    defaultValue: { enabled: false, allowedNumbers: [], defaultNumber: null },
    order: 1,
    ui: {
      input: 'toggle',
      fields: {
        enabled: { input: 'toggle', labelKey: 'settings.common.enabled.label' },
        allowedNumbers: {
          input: 'phone-list',
          labelKey: 'settings.phone.callerIdSelection.allowedNumbers.label',
          helpKey: 'settings.phone.callerIdSelection.allowedNumbers.help',
          visibleWhen: { enabled: true },
        },
        defaultNumber: {
          input: 'phone-select',
          labelKey: 'settings.phone.callerIdSelection.defaultNumber.label',
          helpKey: 'settings.phone.callerIdSelection.defaultNumber.help',
          visibleWhen: { enabled: true },
        },
      },
    },
  }),
);
