import type { AnonymizationRule, SessionFacts } from './anonymization-rule.js';
import { channelOf, cutoffFor, evaluateRule, isExempt } from './anonymization-rule.js';

const rule = (overrides: Partial<AnonymizationRule> = {}): AnonymizationRule => ({
  enabled: true,
  olderThanDays: 30,
  window: { start: '02:00', end: '05:00' },
  timeZone: 'Europe/Prague',
  ...overrides,
});

const now = new Date('2026-06-30T12:00:00Z');
const cutoff = cutoffFor(rule(), now);
const facts = (overrides: Partial<SessionFacts> = {}): SessionFacts => ({
  channel: 'chat',
  packageId: '7',
  endedAt: new Date('2026-05-01T00:00:00Z'),
  tags: [],
  ...overrides,
});

describe('the anonymization rule', () => {
  it('puts the cutoff N whole days before now', () => {
    expect(cutoff).toEqual(new Date('2026-05-31T12:00:00Z'));
  });

  it('selects a session that ended before the cutoff, and not one at or after it', () => {
    expect(evaluateRule(rule(), cutoff, facts())).toEqual({ match: true });
    expect(evaluateRule(rule(), cutoff, facts({ endedAt: cutoff }))).toEqual({
      match: false,
      reason: 'too_recent',
    });
    expect(evaluateRule(rule(), cutoff, facts({ endedAt: null }))).toEqual({
      match: false,
      reason: 'not_ended',
    });
  });

  it('filters by channel and package; an unknown package never matches a package filter', () => {
    expect(evaluateRule(rule({ channels: ['av', 'phone'] }), cutoff, facts())).toEqual({
      match: false,
      reason: 'channel',
    });
    expect(evaluateRule(rule({ channels: ['chat'] }), cutoff, facts())).toEqual({ match: true });
    expect(evaluateRule(rule({ packageIds: ['7', '9'] }), cutoff, facts())).toEqual({
      match: true,
    });
    expect(evaluateRule(rule({ packageIds: ['9'] }), cutoff, facts())).toEqual({
      match: false,
      reason: 'package',
    });
    expect(evaluateRule(rule({ packageIds: ['9'] }), cutoff, facts({ packageId: null }))).toEqual({
      match: false,
      reason: 'package',
    });
    expect(evaluateRule(rule(), cutoff, facts({ packageId: null }))).toEqual({ match: true });
  });

  it('exempts a session with a legal-hold tag, whatever its case or spacing', () => {
    const held = rule({ exemptTags: ['legal-hold'] });
    expect(evaluateRule(held, cutoff, facts({ tags: ['vip', ' Legal-Hold '] }))).toEqual({
      match: false,
      reason: 'legal_hold',
    });
    expect(evaluateRule(held, cutoff, facts({ tags: ['vip'] }))).toEqual({ match: true });
    expect(isExempt(rule(), ['legal-hold'])).toBe(false);
  });

  it('reads the host channel names', () => {
    expect(['Chat', 'AV', 'Phone', 'UNKNOWN', null].map(channelOf)).toEqual([
      'chat',
      'av',
      'phone',
      'unknown',
      'unknown',
    ]);
  });
});
