import {
  absenceNote,
  countDelta,
  decidePackageStatus,
  pushTarget,
} from './package-status-decision.js';

describe('package status decision', () => {
  it('is online while any routed operator is available, whatever the others do', () => {
    expect(decidePackageStatus({ routed: 5, available: 1, away: 4 }, 'offline')).toEqual({
      status: 'online',
      reason: 'operators_available',
    });
  });

  it('follows the setting when everyone present is away', () => {
    expect(decidePackageStatus({ routed: 3, available: 0, away: 3 }, 'busy')).toEqual({
      status: 'busy',
      reason: 'all_operators_away',
    });
    expect(decidePackageStatus({ routed: 3, available: 0, away: 1 }, 'offline')).toEqual({
      status: 'offline',
      reason: 'all_operators_away',
    });
  });

  it('is offline when nobody routed is signed in, or nobody is routed', () => {
    for (const counts of [
      { routed: 4, available: 0, away: 0 },
      { routed: 0, available: 0, away: 0 },
    ]) {
      expect(decidePackageStatus(counts, 'busy')).toEqual({
        status: 'offline',
        reason: 'no_operators_online',
      });
    }
  });

  it('moves the counts by the presence an operator leaves and enters', () => {
    expect(countDelta('available', 'away')).toEqual({ available: -1, away: 1 });
    expect(countDelta('away', 'offline')).toEqual({ available: 0, away: -1 });
    expect(countDelta('offline', 'available')).toEqual({ available: 1, away: 0 });
    expect(countDelta('away', 'away')).toEqual({ available: 0, away: 0 });
  });

  it('shows a status through the extension, and only offline as a hidden v1 chat button', () => {
    expect(pushTarget('extension', 'busy')).toBe('busy');
    expect(pushTarget('v1', 'busy')).toBe('shown');
    expect(pushTarget('v1', 'online')).toBe('shown');
    expect(pushTarget('v1', 'offline')).toBe('hidden');
  });

  it('names the absence reasons, most common first', () => {
    expect(
      absenceNote(
        [
          { name: 'Porada', count: 1 },
          { name: null, count: 1 },
          { name: 'Oběd', count: 2 },
        ],
        'no reason',
      ),
    ).toBe('Oběd ×2, no reason ×1, Porada ×1');
    expect(absenceNote([], 'no reason')).toBeNull();
  });
});
