import { foldSteps, stepsFromTimeline } from './routing-fold.js';

describe('routing fold', () => {
  it('turns a routing timeline into ordered offers with outcomes', () => {
    const steps = stepsFromTimeline([
      { timestamp: '2026-11-25T10:00:00Z', activityType: 'RoutingRequestCreated' },
      {
        timestamp: '2026-11-25T10:00:01Z',
        activityType: 'EnteredGroupQueue',
        group: { id: 3, name: 'Podpora' },
      },
      {
        timestamp: '2026-11-25T10:00:02Z',
        activityType: 'AssignedToOperator',
        operator: { userId: 7, firstName: 'Eva', lastName: 'Malá' },
      },
      {
        timestamp: '2026-11-25T10:00:32Z',
        activityType: 'OperatorTimeoutExpired',
        operator: { userId: 7 },
      },
      {
        timestamp: '2026-11-25T10:00:33Z',
        activityType: 'AssignedToOperator',
        operator: { userId: 8, firstName: 'Jan', lastName: null },
      },
      {
        timestamp: '2026-11-25T10:00:40Z',
        activityType: 'AcceptedByOperator',
        operator: { userId: 8 },
      },
    ]);
    expect(foldSteps(steps)).toEqual([
      {
        kind: 'group',
        id: '3',
        name: 'Podpora',
        offeredAt: '2026-11-25T10:00:01.000Z',
        outcome: 'pending',
        decidedAt: null,
      },
      {
        kind: 'operator',
        id: '7',
        name: 'Eva Malá',
        offeredAt: '2026-11-25T10:00:02.000Z',
        outcome: 'expired',
        decidedAt: '2026-11-25T10:00:32.000Z',
      },
      {
        kind: 'operator',
        id: '8',
        name: 'Jan',
        offeredAt: '2026-11-25T10:00:33.000Z',
        outcome: 'accepted',
        decidedAt: '2026-11-25T10:00:40.000Z',
      },
    ]);
  });

  it('keeps a v1 join without a recorded offer, and a repeated offer after an outcome', () => {
    const base = { targetKind: 'operator' as const, targetId: '5', targetName: 'Petr' };
    expect(
      foldSteps([
        { ...base, stepKey: 'a', at: new Date('2026-11-25T10:00:00Z'), action: 'accepted' },
        { ...base, stepKey: 'b', at: new Date('2026-11-25T10:05:00Z'), action: 'offered' },
      ]).map((entry) => entry.outcome),
    ).toEqual(['accepted', 'pending']);
  });
});
