import { z } from 'zod';

/** The charts' series, each one number per local day. */
export const SERIES = [
  'sessionsAdmitted',
  'sessionsRefused',
  'bansCreated',
  'bansRevoked',
  'filesDeleted',
  'sessionsAnonymized',
  'anonymizationFailed',
  'packagesBusy',
  'packagesOffline',
  'webhooksReceived',
  'webhooksFailed',
  'webhooksRetried',
] as const;
export type SeriesName = (typeof SERIES)[number];

export const MAX_DAYS = 92;

const isoDate = z.iso.date();

export const statsQuery = z.object({
  /** How many local days, ending with `to`. */
  days: z.coerce.number().int().min(1).max(MAX_DAYS).default(30),
  /** The last day shown (`YYYY-MM-DD` in the tenant's time zone); today by default. */
  to: isoDate.optional(),
});
export type StatsQuery = z.output<typeof statsQuery>;

export const statsSchema = z.object({
  /** The tenant's IANA time zone: every day below is one of its calendar days. */
  timeZone: z.string(),
  days: z.array(isoDate),
  series: z.record(z.enum(SERIES), z.array(z.number().int())),
  generatedAt: z.string(),
});
export type DashboardStats = z.output<typeof statsSchema>;
