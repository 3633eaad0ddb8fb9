import { validate } from '@switchboard/settings-model';
import { errorMessages, validateEdits } from '../src/settings/settingsDraft.js';
import {
  addException,
  addInterval,
  copyDay,
  emptyWeek,
  nextInterval,
  removeException,
  removeInterval,
  updateException,
  updateInterval,
  workingWeek,
} from '../src/settings/weeklyHours.js';
import { enabledTemplate } from '../src/settings/templates.js';
import { translatorFor } from './support/translate.js';

const callback = (weeklyHours: ReturnType<typeof emptyWeek>, exceptions: unknown[] = []) => ({
  'chat.offlineCallback': { enabled: true, timeZone: 'Europe/Prague', weeklyHours, exceptions },
});

describe('the weekly-hours editor model', () => {
  it('adds a first interval of office hours, then the hour after the latest end', () => {
    let week = addInterval(emptyWeek(), 'mon');
    expect(week.mon).toEqual([{ start: '08:00', end: '16:00' }]);
    week = addInterval(week, 'mon');
    expect(week.mon[1]).toEqual({ start: '16:00', end: '17:00' });
    expect(nextInterval([{ start: '20:00', end: '23:30' }])).toEqual({
      start: '23:00',
      end: '24:00',
    });
    expect(week.tue).toEqual([]);
  });

  it('removes and edits one interval without touching the others', () => {
    let week = addInterval(addInterval(emptyWeek(), 'wed'), 'wed');
    week = updateInterval(week, 'wed', 0, { end: '12:00' });
    expect(week.wed).toEqual([
      { start: '08:00', end: '12:00' },
      { start: '16:00', end: '17:00' },
    ]);
    week = removeInterval(week, 'wed', 0);
    expect(week.wed).toEqual([{ start: '16:00', end: '17:00' }]);
  });

  it('copies a day onto others as independent intervals', () => {
    const week = copyDay(workingWeek(), 'mon', ['sat', 'sun']);
    expect(week.sat).toEqual(week.mon);
    expect(week.sat).not.toBe(week.mon);
  });

  it('produces values the model accepts', () => {
    expect(validateEdits(callback(workingWeek()))).toEqual([]);
    expect(validate({ 'chat.offlineCallback': enabledTemplate('chat.offlineCallback') }).ok).toBe(
      true,
    );
    // Touching intervals are fine.
    const touching = {
      ...emptyWeek(),
      mon: [
        { start: '08:00', end: '12:00' },
        { start: '12:00', end: '16:00' },
      ],
    };
    expect(validateEdits(callback(touching))).toEqual([]);
  });

  it('gets overlap and order errors from the model, at the interval that breaks the rule', () => {
    const week = {
      ...emptyWeek(),
      mon: [
        { start: '08:00', end: '12:00' },
        { start: '11:00', end: '13:00' },
      ],
      tue: [{ start: '15:00', end: '14:00' }],
    };
    const errors = validateEdits(callback(week));
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['chat.offlineCallback.weeklyHours.mon.1.start', 'interval_overlap'],
      ['chat.offlineCallback.weeklyHours.tue.0.end', 'interval_order'],
    ]);
    const cs = errorMessages(errors, translatorFor('cs'));
    const en = errorMessages(errors, translatorFor('en'));
    expect(en['chat.offlineCallback.weeklyHours.mon.1.start']).toBe(
      'This interval overlaps another one on the same day.',
    );
    expect(cs['chat.offlineCallback.weeklyHours.mon.1.start']).not.toBe(
      en['chat.offlineCallback.weeklyHours.mon.1.start'],
    );
    expect(en['chat.offlineCallback.weeklyHours.tue.0.end']).toBe(
      'The end must be later than the start.',
    );
  });

  it('needs some hours when switched on', () => {
    const errors = validateEdits(callback(emptyWeek()));
    expect(errors.map((e) => e.code)).toEqual(['hours_required']);
  });

  it('manages exception dates: next free date, edits, notes, duplicates from the model', () => {
    let exceptions = addException([], '2026-12-24');
    exceptions = addException(exceptions, '2026-12-24');
    expect(exceptions.map((e) => e.date)).toEqual(['2026-12-24', '2026-12-25']);
    exceptions = updateException(exceptions, 0, {
      note: 'Štědrý den',
      intervals: [{ start: '08:00', end: '12:00' }],
    });
    exceptions = updateException(exceptions, 1, { note: '' });
    expect(exceptions[0]).toEqual({
      date: '2026-12-24',
      intervals: [{ start: '08:00', end: '12:00' }],
      note: 'Štědrý den',
    });
    expect(exceptions[1]).toEqual({ date: '2026-12-25', intervals: [] });
    expect(validateEdits(callback(workingWeek(), exceptions))).toEqual([]);
    const duplicate = updateException(exceptions, 1, { date: '2026-12-24' });
    expect(validateEdits(callback(workingWeek(), duplicate)).map((e) => [e.path, e.code])).toEqual([
      ['chat.offlineCallback.exceptions.1.date', 'duplicate_date'],
    ]);
    expect(removeException(duplicate, 0).map((e) => e.date)).toEqual(['2026-12-24']);
  });
});
