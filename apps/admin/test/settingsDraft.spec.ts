import { defaultValues } from '@switchboard/settings-model';
import { setField } from '../src/settings/objectValue.js';
import {
  discardEdit,
  displayedValue,
  errorMessages,
  resetEdit,
  setEdit,
  validateEdits,
  withoutSetting,
} from '../src/settings/settingsDraft.js';
import { isSwitchable, switchEnabled } from '../src/settings/templates.js';
import { overviewOf } from './support/fixtures.js';
import { translatorFor } from './support/translate.js';

describe('the settings draft', () => {
  const stored = overviewOf(4, { 'email.queueOrder': 'oldest' });

  it('keeps only real changes, and a reset as null (the PATCH meaning of "default")', () => {
    let edits = setEdit({}, 'email.queueOrder', 'oldest', stored);
    expect(edits).toEqual({});
    edits = setEdit(edits, 'chat.clientHistory', true, stored);
    edits = resetEdit(edits, 'email.queueOrder');
    expect(edits).toEqual({ 'chat.clientHistory': true, 'email.queueOrder': null });
    expect(displayedValue('email.queueOrder', edits, stored)).toBe('newest');
    expect(displayedValue('chat.clientHistory', edits, stored)).toBe(true);
    expect(displayedValue('chat.avRecording', edits, stored)).toBe(false);
    expect(discardEdit(edits, 'email.queueOrder')).toEqual({ 'chat.clientHistory': true });
    // Editing back to the stored value leaves nothing to save.
    expect(setEdit(edits, 'chat.clientHistory', false, stored)).toEqual({
      'email.queueOrder': null,
    });
  });

  it('validates edits with the model and translates its error keys (cs and en)', () => {
    const edits = {
      'chat.transcriptReplyTo': { mode: 'company', companyAddress: 'not-an-address' },
    };
    const errors = validateEdits(edits);
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['chat.transcriptReplyTo.companyAddress', 'invalid_format'],
    ]);
    expect(errorMessages(errors, translatorFor('en'))).toEqual({
      'chat.transcriptReplyTo.companyAddress': 'The format is not valid.',
    });
    expect(
      errorMessages(errors, translatorFor('cs'))['chat.transcriptReplyTo.companyAddress'],
    ).toMatch(/formát/i);
    expect(
      validateEdits({ 'chat.transcriptReplyTo': { mode: 'company' } }).map((e) => e.code),
    ).toEqual(['company_address_required']);
    // A pending reset needs no validation.
    expect(validateEdits({ 'chat.transcriptReplyTo': null })).toEqual([]);
  });

  it('refuses a setting the licence lacks, as the backend would', () => {
    const errors = validateEdits({ 'chat.avRecording': true }, []);
    expect(errors.map((e) => e.code)).toEqual(['feature_not_entitled']);
  });

  it('drops server messages of a setting once it is edited again', () => {
    const messages = {
      'chat.transcriptReplyTo.companyAddress': 'server says no',
      'chat.callbackNumberBlock': 'too long',
    };
    expect(withoutSetting(messages, 'chat.transcriptReplyTo')).toEqual({
      'chat.callbackNumberBlock': 'too long',
    });
  });

  it('leaves out emptied optional fields and keeps required ones', () => {
    const fileSending = { enabled: true, allowedExtensions: ['pdf'], maxSizeMb: 5 };
    expect(setField('chat.clientFileSending', fileSending, 'allowedExtensions', [])).toEqual({
      enabled: true,
      maxSizeMb: 5,
    });
    expect(setField('chat.clientFileSending', fileSending, 'maxSizeMb', undefined)).toEqual({
      enabled: true,
      allowedExtensions: ['pdf'],
    });
    const preview = defaultValues()['general.waitingClientPreview'];
    expect(setField('general.waitingClientPreview', preview, 'fields', [])).toEqual({
      enabled: true,
      fields: [],
    });
  });

  it('switches rules on with a valid template and off to { enabled: false }', () => {
    expect(isSwitchable('general.autoAnonymization')).toBe(true);
    expect(isSwitchable('general.operatorsMayBan')).toBe(false);
    const on = switchEnabled('general.autoAnonymization', { enabled: false }, true);
    expect(validateEdits({ 'general.autoAnonymization': on })).toEqual([]);
    expect(switchEnabled('general.autoAnonymization', on, false)).toEqual({ enabled: false });
    expect(
      switchEnabled('general.operatorsMayBan', { enabled: true, offeredDurations: ['1h'] }, false),
    ).toEqual({
      enabled: false,
      offeredDurations: ['1h'],
    });
  });
});
