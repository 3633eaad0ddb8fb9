import { z } from 'zod';
import { listQuerySchema } from '../common/rest/list-query.js';
import { REVISION_KINDS } from './settings-revision.entity.js';

/** PATCH /api/settings: a value sets a setting, null clears it back to the inherited value. */
export const patchSettingsBody = z.object({ values: z.record(z.string(), z.json()) });
export type PatchSettingsBody = z.output<typeof patchSettingsBody>;

/** PUT /api/settings/packages/:packageId/:key */
export const packageOverrideBody = z.object({ value: z.json() });
export type PackageOverrideBody = z.output<typeof packageOverrideBody>;

const revisionNumber = z.coerce.number().int().max(999_999_999);

/**
 * `:number` of a revision route, as an object so a refused value is reported under its
 * parameter's name (`path: "number"`).
 */
export const revisionParams = z.object({ number: revisionNumber.min(1) });
export type RevisionParams = z.output<typeof revisionParams>;

/** A rollback may also target version 0: the all-defaults state every tenant starts from. */
export const rollbackParams = z.object({ number: revisionNumber.min(0) });

export const diffQuery = z.object({
  against: z.coerce.number().int().min(0).max(999_999_999).optional(),
});
export type DiffQuery = z.output<typeof diffQuery>;

export const importQuery = z.object({ dryRun: z.enum(['true', 'false']).optional() });
export type ImportQuery = z.output<typeof importQuery>;

export const hostEffectiveQuery = z.object({ packageId: z.string().min(1).max(64).optional() });
export type HostEffectiveQuery = z.output<typeof hostEffectiveQuery>;

export const EXPORT_FORMAT = 'switchboard.settings';
export const EXPORT_FORMAT_VERSION = 1;

/**
 * The export document, as import accepts it back. Settings values are checked by the settings
 * model afterwards (so their errors carry its codes); this only fixes the envelope.
 */
export const settingsExportDocument = z.object({
  format: z.literal(EXPORT_FORMAT),
  formatVersion: z.literal(EXPORT_FORMAT_VERSION),
  exportedAt: z.iso.datetime({ offset: true }).optional(),
  tenantId: z.string().max(64).optional(),
  version: z.number().int().min(0).optional(),
  settings: z.object({
    tenant: z.record(z.string(), z.json()),
    packages: z.record(z.string(), z.record(z.string(), z.json())),
  }),
});
export type SettingsExportDocument = z.output<typeof settingsExportDocument>;

/** The export document as GET /api/settings/export answers it (every field filled in). */
export const exportResponseSchema = settingsExportDocument.required({
  exportedAt: true,
  tenantId: true,
  version: true,
});
export type ExportResponse = z.output<typeof exportResponseSchema>;

export const revisionFilter = z.object({
  kind: z.enum(REVISION_KINDS).optional(),
  actorId: z.string().max(200).optional(),
});
export type RevisionFilter = z.output<typeof revisionFilter>;

export const REVISION_SORTABLE = ['number', 'createdAt'] as const;

export const revisionListQuery = listQuerySchema({
  sortable: REVISION_SORTABLE,
  defaultSort: { field: 'number', order: 'DESC' },
  filter: revisionFilter,
  maxLimit: 200,
});

// Response shapes, for the OpenAPI document (values are described by GET /api/settings/schema).
const settingValue = z.unknown();
const provenance = z.enum(['default', 'tenant', 'package']);

export const documentChangeSchema = z.object({
  scope: z.enum(['tenant', 'package']),
  packageId: z.string().optional(),
  key: z.string(),
  before: settingValue.describe('The stored value before; null when it was inherited'),
  after: settingValue.describe('The stored value after; null when it now inherits'),
});

export const settingsOverviewSchema = z.object({
  version: z.number().int(),
  tenant: z.record(z.string(), settingValue).describe('Values stored at the tenant level'),
  effective: z.record(z.string(), settingValue).describe('Effective tenant-level values'),
  provenance: z.record(z.string(), provenance),
  entitlements: z.array(z.string()),
  packages: z.record(z.string(), z.record(z.string(), settingValue)).describe('Package overrides'),
});

export const settingsWriteSchema = settingsOverviewSchema.extend({
  changed: z.boolean(),
  changes: z.array(documentChangeSchema),
});

export const packageSettingsSchema = z.object({
  packageId: z.string(),
  version: z.number().int(),
  values: z.record(z.string(), settingValue),
  provenance: z.record(z.string(), provenance),
  overrides: z.record(z.string(), settingValue),
});

export const effectiveSettingsSchema = z.object({
  tenantId: z.string(),
  version: z.number().int(),
  packageId: z.string().nullable(),
  values: z.record(z.string(), settingValue),
  provenance: z.record(z.string(), provenance),
});

export const revisionSummarySchema = z.object({
  id: z.number().int(),
  number: z.number().int(),
  kind: z.enum(REVISION_KINDS),
  changes: z.array(documentChangeSchema),
  actorId: z.string(),
  actorName: z.string().nullable(),
  rolledBackTo: z.number().int().nullable(),
  createdAt: z.string(),
});

const documentSchema = z.object({
  tenant: z.record(z.string(), settingValue),
  packages: z.record(z.string(), z.record(z.string(), settingValue)),
});

export const revisionSchema = revisionSummarySchema.extend({ document: documentSchema });

export const revisionDiffSchema = z.object({
  number: z.number().int(),
  against: z.number().int(),
  changes: z.array(documentChangeSchema),
});

/** A dry run's answer: whether the document would be accepted, why not, and what it changes. */
export const importResultSchema = z.object({
  valid: z.boolean(),
  errors: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })),
  changes: z.array(documentChangeSchema),
});

export type ImportResult = z.output<typeof importResultSchema>;

export const settingsSchemaResponse = z.object({
  jsonSchema: z.record(z.string(), z.unknown()),
  patchJsonSchema: z.record(z.string(), z.unknown()),
  entitlements: z.array(z.string()),
  areas: z.array(z.object({ id: z.string(), labelKey: z.string(), settings: z.array(z.string()) })),
  settings: z.array(
    z.object({
      key: z.string(),
      area: z.string(),
      scope: z.enum(['tenant', 'package']),
      entitlement: z.string().nullable(),
      entitled: z.boolean(),
      unit: z.string().nullable(),
      labelKey: z.string(),
      helpKey: z.string(),
      defaultValue: settingValue,
      ui: z.record(z.string(), z.unknown()),
    }),
  ),
});
