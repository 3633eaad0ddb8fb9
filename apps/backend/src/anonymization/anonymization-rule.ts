import type { SettingValue, anonymizationRuleSchema } from '@switchboard/settings-model';
import type { z } from 'zod';

/** The saved setting: off, or the rule. */
export type AnonymizationSetting = SettingValue<'general.autoAnonymization'>;
/** The rule of setting 4 when it is on. */
export type AnonymizationRule = z.output<typeof anonymizationRuleSchema>;

const DAY_MS = 86_400_000;

export function ruleOf(setting: AnonymizationSetting): AnonymizationRule | null {
  return setting.enabled ? setting : null;
}

/** Sessions that ended before this instant are old enough for the rule. */
export function cutoffFor(rule: Pick<AnonymizationRule, 'olderThanDays'>, now: Date): Date {
  return new Date(now.getTime() - rule.olderThanDays * DAY_MS);
}

/** The host's channel (Chat, AV, Phone) in the settings' spelling. */
export function channelOf(hostChannel: string | null | undefined): string {
  switch (hostChannel?.toLowerCase()) {
    case 'chat':
      return 'chat';
    case 'av':
      return 'av';
    case 'phone':
      return 'phone';
    default:
      return 'unknown';
  }
}

/** What the rule looks at, as the host reports it now. */
export interface SessionFacts {
  channel: string;
  /** null when the host does not say (a v1-only host never does). */
  packageId: string | null;
  endedAt: Date | null;
  tags: readonly string[];
}

export const MISMATCH_REASONS = [
  'not_ended',
  'too_recent',
  'channel',
  'package',
  'legal_hold',
] as const;
export type MismatchReason = (typeof MISMATCH_REASONS)[number];

const tagKey = (tag: string): string => tag.trim().toLowerCase();

/**
 * Whether the session carries one of the rule's exempting tags. Tags compare without regard to
 * case and surrounding spaces: a legal hold spelt differently must still hold.
 */
export function isExempt(
  rule: Pick<AnonymizationRule, 'exemptTags'>,
  tags: readonly string[],
): boolean {
  const exempt = new Set((rule.exemptTags ?? []).map(tagKey));
  return exempt.size > 0 && tags.some((tag) => exempt.has(tagKey(tag)));
}

/**
 * Whether the rule selects a session now. A package filter never matches a session whose package
 * is unknown: anonymization erases only what it can show the rule covers.
 */
export function evaluateRule(
  rule: AnonymizationRule,
  cutoff: Date,
  facts: SessionFacts,
): { match: true } | { match: false; reason: MismatchReason } {
  if (facts.endedAt === null) return { match: false, reason: 'not_ended' };
  if (facts.endedAt.getTime() >= cutoff.getTime()) return { match: false, reason: 'too_recent' };
  if (rule.channels !== undefined && !rule.channels.some((c) => c === facts.channel))
    return { match: false, reason: 'channel' };
  if (
    rule.packageIds !== undefined &&
    (facts.packageId === null || !rule.packageIds.includes(facts.packageId))
  )
    return { match: false, reason: 'package' };
  if (isExempt(rule, facts.tags)) return { match: false, reason: 'legal_hold' };
  return { match: true };
}
