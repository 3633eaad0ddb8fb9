import {
  changeUnit,
  formatDuration,
  humanDuration,
  splitDuration,
  toSeconds,
} from '../src/settings/duration.js';
import { messageOf, validateEdits } from '../src/settings/settingsDraft.js';
import { translatorFor } from './support/translate.js';

describe('durations', () => {
  it('store seconds whatever unit is shown', () => {
    expect(toSeconds(30, 'minutes')).toBe(1800);
    expect(toSeconds(2, 'hours')).toBe(7200);
    expect(toSeconds(7, 'days')).toBe(604800);
    expect(toSeconds(45, 'seconds')).toBe(45);
    expect(toSeconds(1.5, 'minutes')).toBe(90);
  });

  it('show a stored value in the largest offered unit that keeps it whole', () => {
    expect(splitDuration(1800, ['minutes', 'hours', 'days'])).toEqual({
      amount: 30,
      unit: 'minutes',
    });
    expect(splitDuration(7200, ['minutes', 'hours', 'days'])).toEqual({ amount: 2, unit: 'hours' });
    expect(splitDuration(604800, ['minutes', 'hours', 'days'])).toEqual({
      amount: 7,
      unit: 'days',
    });
    expect(splitDuration(60, ['seconds', 'minutes'])).toEqual({ amount: 1, unit: 'minutes' });
    expect(splitDuration(90, ['seconds', 'minutes'])).toEqual({ amount: 90, unit: 'seconds' });
    // Not whole in any offered unit: the smallest one, with a fraction.
    expect(splitDuration(90, ['minutes', 'hours'])).toEqual({ amount: 1.5, unit: 'minutes' });
    expect(splitDuration(0, ['minutes', 'hours', 'days'])).toEqual({ amount: 0, unit: 'minutes' });
  });

  it('keep the duration when only the unit changes', () => {
    expect(changeUnit(3600, 'minutes')).toEqual({ amount: 60, unit: 'minutes' });
    expect(changeUnit(3600, 'hours')).toEqual({ amount: 1, unit: 'hours' });
    expect(humanDuration(86400 * 7)).toEqual({ amount: 7, unit: 'days' });
    expect(formatDuration(3600, translatorFor('en'))).toBe('1 hour');
    expect(formatDuration(1800, translatorFor('cs'))).toBe('30 minut');
    expect(formatDuration(3 * 86400, translatorFor('cs'))).toBe('3 dny');
  });

  it('report the model limit as a duration, in the admin language', () => {
    const [error] = validateEdits({ 'chat.callbackNumberBlock': toSeconds(8, 'days') });
    expect(error?.code).toBe('too_big');
    expect(messageOf(error!, translatorFor('en'))).toBe('Must be at most 7 days.');
    expect(messageOf(error!, translatorFor('cs'))).toMatch(/7 dní/);
    const [grace] = validateEdits({ 'chat.clientDisconnectGrace': toSeconds(61, 'minutes') });
    expect(messageOf(grace!, translatorFor('en'))).toBe('Must be at most 60 minutes.');
  });
});
