import {
  operatorStateModelSchema,
  userStatusChangedPayloadSchema,
} from '@switchboard/host-contract';
import { presenceFromOperatorState, presenceFromStatusEvent } from './presence.js';

const statusEvent = (data: Record<string, unknown>) =>
  presenceFromStatusEvent(userStatusChangedPayloadSchema.parse({ userId: 7, ...data }));
const operatorState = (data: Record<string, unknown>) =>
  presenceFromOperatorState(operatorStateModelSchema.parse({ userId: 7, ...data }));

describe('operator presence from host reports', () => {
  it('reads an extension UserStatusChanged with its absence reason and time', () => {
    expect(
      statusEvent({
        status: 'AWAY',
        availabilityStatus: 'AWAY',
        availabilityStatusReason: 'Oběd',
        changed: '2026-11-25T10:00:00+01:00',
        absenceReason: { id: 3, name: 'Oběd' },
      }),
    ).toEqual({
      userId: 7,
      presence: 'away',
      absenceReasonId: 3,
      absenceReasonName: 'Oběd',
      changedAt: new Date('2026-11-25T09:00:00Z'),
    });
  });

  it('reads a v1 UserStatusChanged: the reason is free text, the time unknown', () => {
    expect(
      statusEvent({
        status: 'ONLINE',
        availabilityStatus: 'AWAY',
        availabilityStatusReason: 'Porada',
      }),
    ).toEqual({
      userId: 7,
      presence: 'away',
      absenceReasonId: null,
      absenceReasonName: 'Porada',
      changedAt: null,
    });
    expect(statusEvent({ status: 'BUSY', availabilityStatus: 'ON_CALL' })?.presence).toBe(
      'available',
    );
    expect(statusEvent({ status: 'OFFLINE', availabilityStatus: 'AWAY' })?.presence).toBe(
      'offline',
    );
  });

  it('keeps no reason for an operator who is not away, and ignores unknown statuses', () => {
    expect(
      statusEvent({
        status: 'ONLINE',
        availabilityStatusReason: 'stale',
        absenceReason: { id: 1, name: 'x' },
      }),
    ).toMatchObject({ presence: 'available', absenceReasonId: null, absenceReasonName: null });
    expect(statusEvent({ status: 'TELEPORTED' })).toBeNull();
  });

  it('reads polled operator states, a break being an absence with its reason', () => {
    expect(
      operatorState({
        stateKind: 'BREAK',
        breakStateId: 4,
        breakStateName: 'Školení',
        changed: '2026-11-25T08:00:00Z',
      }),
    ).toEqual({
      userId: 7,
      presence: 'away',
      absenceReasonId: 4,
      absenceReasonName: 'Školení',
      changedAt: new Date('2026-11-25T08:00:00Z'),
    });
    expect(operatorState({ stateKind: 'AFTER_CALL' })?.presence).toBe('available');
    expect(operatorState({ stateKind: 'DISCONNECTED' })?.presence).toBe('offline');
    expect(operatorState({ stateKind: 'SOMETHING_NEW' })).toBeNull();
  });
});
