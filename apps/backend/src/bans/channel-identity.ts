import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/**
 * What a ban can name: the host's per-browser tracking id (`device`) or a channel identity (a
 * phone number, an e-mail address or a messenger id).
 */
export const BAN_KINDS = ['device', 'phone', 'email', 'messenger'] as const;
export type BanKind = (typeof BAN_KINDS)[number];

export interface ChannelIdentity {
  kind: BanKind;
  /** The canonical spelling: E.164, a lower-cased address, the id as the host sends it. */
  value: string;
}

const MAX_IDENTITY_LENGTH = 200;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * E.164 of a number as a person typed it (`777 123 456`, `+420 777 123 456`, `00420777123456`),
 * read in the tenant's region when it has no country code; null when it is no valid number.
 */
export function normalizePhoneNumber(text: string, region: string | null): string | null {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.length > 64) return null;
  const parsed = parsePhoneNumberFromString(
    trimmed,
    region === null ? undefined : { defaultCountry: region as CountryCode },
  );
  return parsed !== undefined && parsed.isValid() ? parsed.number : null;
}

export function normalizeEmail(text: string): string | null {
  const address = text.trim().toLowerCase();
  return address.length <= MAX_IDENTITY_LENGTH && EMAIL.test(address) ? address : null;
}

/** The value of one kind in its canonical spelling, or null when it is not one of that kind. */
export function normalizeIdentity(
  kind: BanKind,
  text: string,
  region: string | null,
): string | null {
  switch (kind) {
    case 'phone':
      return normalizePhoneNumber(text, region);
    case 'email':
      return normalizeEmail(text);
    case 'device':
    case 'messenger': {
      const value = text.trim();
      return value === '' || value.length > MAX_IDENTITY_LENGTH ? null : value;
    }
  }
}

/**
 * The host's `channelIdentity` says which channel it belongs to only by its shape: an address
 * with `@` is an e-mail, a valid number is a phone, anything else a messenger id.
 */
export function classifyChannelIdentity(
  text: string,
  region: string | null,
): ChannelIdentity | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (trimmed.includes('@')) {
    const email = normalizeEmail(trimmed);
    if (email !== null) return { kind: 'email', value: email };
  }
  const phone = normalizePhoneNumber(trimmed, region);
  if (phone !== null) return { kind: 'phone', value: phone };
  const messenger = normalizeIdentity('messenger', trimmed, region);
  return messenger === null ? null : { kind: 'messenger', value: messenger };
}

/** The indexed lookup key of an identity: `phone:+420777123456`. */
export function identityKey(identity: ChannelIdentity): string {
  return `${identity.kind}:${identity.value}`;
}

/** The guest facts a host reports, in any of its shapes (hook request or v1 session). */
export interface GuestIdentityFacts {
  trackedId?: string | null;
  channelIdentity?: string | null;
  phone?: string | null;
  email?: string | null;
}

/** Every identity a ban could name for this guest, without duplicates. */
export function identitiesOf(guest: GuestIdentityFacts, region: string | null): ChannelIdentity[] {
  const found = new Map<string, ChannelIdentity>();
  const add = (identity: ChannelIdentity | null): void => {
    if (identity !== null) found.set(identityKey(identity), identity);
  };
  const device = guest.trackedId?.trim();
  if (device) add({ kind: 'device', value: device.slice(0, MAX_IDENTITY_LENGTH) });
  if (guest.channelIdentity) add(classifyChannelIdentity(guest.channelIdentity, region));
  if (guest.phone) {
    const phone = normalizePhoneNumber(guest.phone, region);
    if (phone !== null) add({ kind: 'phone', value: phone });
  }
  if (guest.email) {
    const email = normalizeEmail(guest.email);
    if (email !== null) add({ kind: 'email', value: email });
  }
  return [...found.values()];
}
