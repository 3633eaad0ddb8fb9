import { ANONYMIZATION_CATEGORIES } from '@switchboard/host-contract';
import { z } from 'zod';
import { jsonQueryParameter, listQuerySchema } from '../common/rest/list-query.js';
import { RUN_MODES, RUN_STATUSES, RUN_TRIGGERS } from './anonymization-run.entity.js';
import { ITEM_STATUSES } from './anonymization-run-item.entity.js';
import { BACKFILL_STATUSES } from './backfill.entity.js';
import { LEDGER_METHODS, LEDGER_STATUSES } from './ledger-entry.entity.js';
import { SWITCHBOARD_CATEGORY } from './ledger.js';

const isoDateTime = z.iso.datetime({ offset: true });
const sessionId = z.string().regex(/^\d{1,20}$/);
const runId = z.uuid();

export const LEDGER_CATEGORY_NAMES = [...ANONYMIZATION_CATEGORIES, SWITCHBOARD_CATEGORY] as const;

/** The proposed value of `general.autoAnonymization` (validated by the settings model). */
export const dryRunBody = z.object({ rule: z.unknown() });
export type DryRunBody = z.output<typeof dryRunBody>;

const countsSchema = z.record(z.string(), z.number().int());

export const dryRunResponse = z.object({
  enabled: z.boolean(),
  cutoff: z.string().nullable(),
  count: z.number().int(),
  byChannel: countsSchema,
  exempted: z.number().int(),
  unresolved: z.number().int(),
  sample: z.array(
    z.object({
      sessionId: z.string(),
      endedAt: z.string(),
      channel: z.string(),
      packageId: z.string().nullable(),
    }),
  ),
  index: z.object({
    indexed: z.number().int(),
    anonymized: z.number().int(),
    detailsUnknown: z.number().int(),
    missing: z.number().int(),
    oldestEndedAt: z.string().nullable(),
  }),
  lastBackfill: z
    .object({ status: z.string(), finishedAt: z.string().nullable(), sessionsSeen: z.number() })
    .nullable(),
});
export type DryRunResponse = z.output<typeof dryRunResponse>;

export const runSchema = z.object({
  id: z.string(),
  trigger: z.enum(RUN_TRIGGERS),
  status: z.enum(RUN_STATUSES),
  mode: z.enum(RUN_MODES),
  rule: z.record(z.string(), z.unknown()),
  cutoff: z.string(),
  deadline: z.string().nullable(),
  requestedBy: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  lastProgressAt: z.string().nullable(),
  error: z.string().nullable(),
  total: z.number().int(),
  counts: countsSchema,
  processed: z.number().int(),
  /** processed / total, 0..1 (1 for an empty run). */
  progress: z.number(),
  durationMs: z.number().int(),
  hostMs: z.number().int(),
  switchboardMs: z.number().int(),
  /** The part of switchboardMs spent erasing Switchboard's own data (the capabilities' erasers). */
  erasureMs: z.number().int(),
  sessionsPerSecond: z.number().nullable(),
});
export type RunView = z.output<typeof runSchema>;

export const runFilterSchema = z.object({
  id: z.array(runId).max(100).optional(),
  status: z.enum(RUN_STATUSES).optional(),
  trigger: z.enum(RUN_TRIGGERS).optional(),
});
export type RunFilter = z.output<typeof runFilterSchema>;
export const RUN_SORTABLE = ['createdAt', 'status', 'total'] as const;
export const runListQuery = listQuerySchema({
  sortable: RUN_SORTABLE,
  defaultSort: { field: 'createdAt', order: 'DESC' },
  filter: runFilterSchema,
  maxLimit: 100,
});

export const runParams = z.object({ id: runId });
export type RunParams = z.output<typeof runParams>;

export const itemSchema = z.object({
  id: z.number().int(),
  sessionId: z.string(),
  seq: z.number().int(),
  status: z.enum(ITEM_STATUSES),
  reason: z.string().nullable(),
  error: z.string().nullable(),
  attempts: z.number().int(),
  finishedAt: z.string().nullable(),
});
export type ItemView = z.output<typeof itemSchema>;
export const itemFilterSchema = z.object({
  status: z.enum(ITEM_STATUSES).optional(),
  sessionId: sessionId.optional(),
});
export type ItemFilter = z.output<typeof itemFilterSchema>;
export const itemListQuery = listQuerySchema({
  sortable: ['seq', 'status', 'finishedAt'],
  defaultSort: { field: 'seq', order: 'ASC' },
  filter: itemFilterSchema,
});

export const ledgerEntrySchema = z.object({
  id: z.number().int(),
  sessionId: z.string(),
  category: z.string(),
  status: z.enum(LEDGER_STATUSES),
  method: z.enum(LEDGER_METHODS).nullable(),
  outcome: z.string().nullable(),
  itemCount: z.number().int().nullable(),
  details: z.unknown(),
  error: z.string().nullable(),
  runId: z.string().nullable(),
  updatedAt: z.string(),
  doneAt: z.string().nullable(),
});
export type LedgerEntryView = z.output<typeof ledgerEntrySchema>;
export const ledgerFilterSchema = z.object({
  sessionId: sessionId.optional(),
  runId: runId.optional(),
  category: z.enum(LEDGER_CATEGORY_NAMES).optional(),
  status: z.enum(LEDGER_STATUSES).optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
});
export type LedgerFilter = z.output<typeof ledgerFilterSchema>;
export const ledgerListQuery = listQuerySchema({
  sortable: ['id', 'updatedAt', 'sessionId'],
  defaultSort: { field: 'id', order: 'DESC' },
  filter: ledgerFilterSchema,
});
export const ledgerExportQuery = z.object({ filter: jsonQueryParameter(ledgerFilterSchema) });
export type LedgerExportQuery = z.output<typeof ledgerExportQuery>;

export const sessionParams = z.object({ sessionId });
export type SessionParams = z.output<typeof sessionParams>;

export const sessionProofSchema = z.object({
  sessionId: z.string(),
  indexed: z
    .object({
      channel: z.string(),
      packageId: z.string().nullable(),
      endedAt: z.string(),
      anonymizedAt: z.string().nullable(),
      missingSince: z.string().nullable(),
    })
    .nullable(),
  ledger: z.array(ledgerEntrySchema),
  runs: z.array(
    z.object({
      runId: z.string(),
      status: z.enum(ITEM_STATUSES),
      reason: z.string().nullable(),
      error: z.string().nullable(),
      finishedAt: z.string().nullable(),
    }),
  ),
});
export type SessionProof = z.output<typeof sessionProofSchema>;

export const backfillSchema = z.object({
  id: z.string(),
  trigger: z.enum(['install', 'manual']),
  status: z.enum(BACKFILL_STATUSES),
  endedAfter: z.string().nullable(),
  endedBefore: z.string(),
  pages: z.number().int(),
  sessionsSeen: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type BackfillView = z.output<typeof backfillSchema>;

export const startBackfillBody = z
  .object({ endedAfter: isoDateTime.optional(), endedBefore: isoDateTime.optional() })
  .refine(
    (body) =>
      body.endedAfter === undefined ||
      body.endedBefore === undefined ||
      Date.parse(body.endedAfter) < Date.parse(body.endedBefore),
    { path: ['endedBefore'], params: { code: 'invalid_range' } },
  );
export type StartBackfillBody = z.output<typeof startBackfillBody>;
export const backfillParams = z.object({ id: runId });
export type BackfillParams = z.output<typeof backfillParams>;

export const statusSchema = z.object({
  rule: z.record(z.string(), z.unknown()).nullable(),
  activeRun: runSchema.nullable(),
  lastRun: runSchema.nullable(),
  index: dryRunResponse.shape.index,
  backfills: z.array(backfillSchema),
});
export type StatusView = z.output<typeof statusSchema>;
