import { parseSafeEnum, safeEnum } from './safe-enum.js';
import { webhookEventTypeSchema } from './webhook-event-type.js';

const avStates = ['RejectedShitBrowser', 'NoCameraOnlyMic', 'Accepted'] as const;

describe('safe enums', () => {
  it('parse the current PascalCase spelling', () => {
    expect(parseSafeEnum(avStates, 'NoCameraOnlyMic')).toBe('NoCameraOnlyMic');
  });

  it('parse the older upper-snake spelling and any letter case to the same value', () => {
    expect(parseSafeEnum(avStates, 'REJECTED_SHIT_BROWSER')).toBe('RejectedShitBrowser');
    expect(parseSafeEnum(avStates, 'no_camera_only_mic')).toBe('NoCameraOnlyMic');
    expect(parseSafeEnum(avStates, 'accepted')).toBe('Accepted');
  });

  it('map values added by the host later to UNKNOWN instead of failing', () => {
    expect(parseSafeEnum(avStates, 'SomethingNew')).toBe('UNKNOWN');
    expect(safeEnum(avStates).parse('SomethingNew')).toBe('UNKNOWN');
  });

  it('map non-strings and the explicit zero value to UNKNOWN', () => {
    expect(parseSafeEnum(avStates, 7)).toBe('UNKNOWN');
    expect(parseSafeEnum(avStates, null)).toBe('UNKNOWN');
    expect(parseSafeEnum(avStates, 'Unknown')).toBe('UNKNOWN');
  });

  it('honour an enum whose zero value has another name (SessionTerminationReason)', () => {
    expect(parseSafeEnum(['ClientLeft', 'Timeout'], 'UnknownReason', 'UnknownReason')).toBe(
      'UNKNOWN',
    );
    expect(parseSafeEnum(['ClientLeft', 'Timeout'], 'CLIENT_LEFT', 'UnknownReason')).toBe(
      'ClientLeft',
    );
  });

  it('read webhook event names case-insensitively', () => {
    expect(webhookEventTypeSchema.parse('sessioncreated')).toBe('SessionCreated');
    expect(webhookEventTypeSchema.parse('StatRealTime')).toBe('UNKNOWN');
  });
});
