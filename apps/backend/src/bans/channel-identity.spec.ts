import { classifyChannelIdentity, identitiesOf, normalizePhoneNumber } from './channel-identity.js';
import { regionOf } from './tenant-profile.service.js';

describe('channel identities', () => {
  it.each(['+420 777 123 456', '777123456', '00420777123456', '777 123 456', '+420777123456'])(
    'reads %s as +420777123456 in the Czech region',
    (text) => {
      expect(normalizePhoneNumber(text, 'CZ')).toBe('+420777123456');
    },
  );

  it('needs a country code without a region, and refuses what is no number', () => {
    expect(normalizePhoneNumber('777123456', null)).toBeNull();
    expect(normalizePhoneNumber('+420 777 123 456', null)).toBe('+420777123456');
    expect(normalizePhoneNumber('12', 'CZ')).toBeNull();
    expect(normalizePhoneNumber('call me', 'CZ')).toBeNull();
  });

  it('tells e-mails, numbers and messenger ids apart by their shape', () => {
    expect(classifyChannelIdentity(' Jana.Novak@Example.CZ ', 'CZ')).toEqual({
      kind: 'email',
      value: 'jana.novak@example.cz',
    });
    expect(classifyChannelIdentity('777 123 456', 'CZ')).toEqual({
      kind: 'phone',
      value: '+420777123456',
    });
    expect(classifyChannelIdentity('fb:1029384756', 'CZ')).toEqual({
      kind: 'messenger',
      value: 'fb:1029384756',
    });
  });

  it('collects every identity of a guest once', () => {
    expect(
      identitiesOf(
        { trackedId: 'dev-1', channelIdentity: '+420777123456', phone: '777 123 456' },
        'CZ',
      ),
    ).toEqual([
      { kind: 'device', value: 'dev-1' },
      { kind: 'phone', value: '+420777123456' },
    ]);
  });

  it("takes the tenant's region from its time zone, else from its language", () => {
    expect(regionOf('Europe/Prague', 'en')).toBe('CZ');
    expect(regionOf('Europe/Bratislava', 'cs')).toBe('SK');
    expect(regionOf('UTC', 'cs')).toBe('CZ');
    expect(regionOf('UTC', 'en')).toBeNull();
  });
});
