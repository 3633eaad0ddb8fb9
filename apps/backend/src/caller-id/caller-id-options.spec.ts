import { chooseCallerId, normalizedNumber, pickableNumbers } from './caller-id-options.js';

const on = {
  enabled: true,
  allowedNumbers: ['+420228880000', '+420228880001'],
  defaultNumber: '+420228880000',
};
const host = [
  { number: '+420228880000', label: null, isDefault: true },
  { number: '+420228880001', label: 'Sales', isDefault: false },
  { number: '+420773000111', label: null, isDefault: false },
];

describe('caller ID choice', () => {
  it('normalises the usual separators and refuses what is not a number', () => {
    expect(normalizedNumber('+420 228 880-001')).toBe('+420228880001');
    expect(normalizedNumber('(0)123')).toBe('0123');
    expect(normalizedNumber('call me')).toBeNull();
  });

  it('uses the host default while the setting is off, whatever was asked', () => {
    const off = { ...on, enabled: false };
    expect(chooseCallerId(off, host, { phoneNumber: 'x', requestedCallerId: '+1' })).toEqual({
      decision: 'host_default',
    });
    expect(pickableNumbers(off, host)).toEqual([]);
  });

  it('accepts an allowed number, substitutes the default for none, refuses the rest', () => {
    const call = (requestedCallerId?: string) =>
      chooseCallerId(on, host, { phoneNumber: '+420777000111', requestedCallerId });
    expect(call('+420 228 880 001')).toEqual({ decision: 'chosen', callerId: '+420228880001' });
    expect(call()).toEqual({ decision: 'substituted', callerId: '+420228880000' });
    expect(call('  ')).toEqual({ decision: 'substituted', callerId: '+420228880000' });
    // On the host but not allowed by the tenant.
    expect(call('+420773000111')).toEqual({ decision: 'refused', reason: 'caller_id_not_allowed' });
    expect(chooseCallerId(on, host, { phoneNumber: 'nope' })).toEqual({
      decision: 'refused',
      reason: 'invalid_number',
    });
  });

  it('offers only allowed numbers the host still lists, or the setting alone when unknown', () => {
    const shrunk = host.filter((item) => item.number !== '+420228880000');
    expect(pickableNumbers(on, shrunk)).toEqual(['+420228880001']);
    // The default is gone from the host: the host's own default applies.
    expect(chooseCallerId(on, shrunk, { phoneNumber: '+420777000111' })).toEqual({
      decision: 'host_default',
    });
    expect(pickableNumbers(on, null)).toEqual(on.allowedNumbers);
  });
});
