import type { HostCallerId } from './host-caller-ids.service.js';

export interface CallerIdSetting {
  enabled: boolean;
  allowedNumbers: readonly string[];
  defaultNumber: string | null;
}

/** Digits with an optional leading +, after dropping the usual separators; null if not a number. */
export function normalizedNumber(text: string): string | null {
  const compact = text.replace(/[\s().-]/g, '');
  return /^\+?\d{3,15}$/.test(compact) ? compact : null;
}

/**
 * The numbers an operator may pick: the allowed numbers of the setting that the host still lists
 * (when the host's list is known; the setting was checked against it when saved). Off: none.
 */
export function pickableNumbers(
  setting: CallerIdSetting,
  host: readonly HostCallerId[] | null,
): string[] {
  if (!setting.enabled) return [];
  if (host === null) return [...setting.allowedNumbers];
  const listed = new Set(host.map((item) => item.number));
  return setting.allowedNumbers.filter((number) => listed.has(number));
}

export type CallerIdChoice =
  | { decision: 'host_default' }
  | { decision: 'chosen' | 'substituted'; callerId: string }
  | { decision: 'refused'; reason: 'caller_id_not_allowed' | 'invalid_number' };

/**
 * Setting 5. Off (or not licensed, which reads as off): the host's default. On: a requested number
 * must be pickable; nothing requested gets the tenant's default number (the host's default when
 * that number is gone from the host).
 */
export function chooseCallerId(
  setting: CallerIdSetting,
  host: readonly HostCallerId[] | null,
  request: { phoneNumber: string; requestedCallerId?: string | null | undefined },
): CallerIdChoice {
  if (!setting.enabled) return { decision: 'host_default' };
  if (normalizedNumber(request.phoneNumber) === null) {
    return { decision: 'refused', reason: 'invalid_number' };
  }
  const pickable = pickableNumbers(setting, host);
  const requested = request.requestedCallerId?.trim() ?? '';
  if (requested === '') {
    const fallback = setting.defaultNumber;
    return fallback !== null && pickable.includes(fallback)
      ? { decision: 'substituted', callerId: fallback }
      : { decision: 'host_default' };
  }
  const normalized = normalizedNumber(requested);
  if (normalized !== null && pickable.includes(normalized)) {
    return { decision: 'chosen', callerId: normalized };
  }
  return { decision: 'refused', reason: 'caller_id_not_allowed' };
}
