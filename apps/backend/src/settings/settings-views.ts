import { SETTING_KEYS, areas, settingsRegistry, toJsonSchema } from '@switchboard/settings-model';
import type { z } from 'zod';
import { cloneJson, effectiveView, type SettingsDocument } from './settings-document.js';
import type { SettingsRevision } from './settings-revision.entity.js';
import type { WriteResult } from './settings.service.js';
import type {
  packageSettingsSchema,
  revisionSummarySchema,
  settingsOverviewSchema,
  settingsSchemaResponse,
  settingsWriteSchema,
} from './settings.schemas.js';

export type SettingsOverview = z.output<typeof settingsOverviewSchema>;
export type SettingsWriteResponse = z.output<typeof settingsWriteSchema>;
export type PackageSettings = z.output<typeof packageSettingsSchema>;
export type SettingsSchemaView = z.output<typeof settingsSchemaResponse>;
/** A revision in lists: react-admin needs `id` (the revision number); no document. */
export type RevisionSummary = z.output<typeof revisionSummarySchema>;

interface Stored {
  version: number;
  document: SettingsDocument;
  entitlements: readonly string[];
}

/** GET /api/settings: what is stored, what is in effect, and where each effective value comes from. */
export function overviewOf({ version, document, entitlements }: Stored): SettingsOverview {
  const { values, provenance } = effectiveView(document, entitlements);
  return {
    version,
    tenant: document.tenant,
    effective: values,
    provenance,
    entitlements: [...entitlements],
    packages: document.packages,
  };
}

export function writeResponseOf(result: WriteResult): SettingsWriteResponse {
  return { ...overviewOf(result), changed: result.changed, changes: result.changes };
}

export function packageViewOf(stored: Stored, packageId: string): PackageSettings {
  const { values, provenance } = effectiveView(stored.document, stored.entitlements, packageId);
  return {
    packageId,
    version: stored.version,
    values,
    provenance,
    overrides: stored.document.packages[packageId] ?? {},
  };
}

// The registry does not change at run time: build the static part once.
const jsonSchema = toJsonSchema();
const patchJsonSchema = toJsonSchema({ partial: true });

/** What the panel renders its forms from: the schemas, UI hints and the tenant's licence state. */
export function schemaViewOf(entitlements: readonly string[]): SettingsSchemaView {
  return {
    jsonSchema,
    patchJsonSchema,
    entitlements: [...entitlements],
    areas: areas.map((area) => ({
      id: area.id,
      labelKey: area.labelKey,
      settings: [...area.settings],
    })),
    settings: SETTING_KEYS.map((key) => {
      const definition = settingsRegistry[key];
      const entitlement = definition.entitlement ?? null;
      return {
        key,
        area: definition.category,
        scope: definition.scope,
        entitlement,
        entitled: entitlement === null || entitlements.includes(entitlement),
        unit: definition.unit ?? null,
        labelKey: definition.labelKey,
        helpKey: definition.helpKey,
        defaultValue: cloneJson(definition.defaultValue),
        ui: { ...definition.ui },
      };
    }),
  };
}

/** A revision as the API shows it (`id` is its number, for react-admin), without its document. */
export function revisionView(revision: Omit<SettingsRevision, 'document'>): RevisionSummary {
  return {
    id: revision.number,
    number: revision.number,
    kind: revision.kind,
    changes: revision.changes,
    actorId: revision.actorId,
    actorName: revision.actorName,
    rolledBackTo: revision.rolledBackTo,
    createdAt: revision.createdAt.toISOString(),
  };
}
