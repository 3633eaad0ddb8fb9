import {
  type FieldError,
  type Provenance,
  SETTING_KEYS,
  type SettingKey,
  type SettingValues,
  type SettingsPatch,
  defaultValues,
  diff,
  entitlementFor,
  resolveEffective,
} from '@switchboard/settings-model';

/**
 * What a tenant stores: its own overrides and, per web-chat package, that package's overrides of
 * package-scoped settings. Everything absent falls back to the next level (package → tenant →
 * default), so the document only ever holds what an admin chose.
 */
export interface SettingsDocument {
  tenant: SettingsPatch;
  packages: Record<string, SettingsPatch>;
}

/** One changed setting between two documents. `null` means "not stored" (the level inherits). */
export interface DocumentChange {
  scope: 'tenant' | 'package';
  packageId?: string;
  key: SettingKey;
  before: unknown;
  after: unknown;
}

export interface EffectiveView {
  values: SettingValues;
  provenance: Record<SettingKey, Provenance>;
}

/**
 * Settings are plain JSON, so a JSON round trip is a faithful deep copy. (Not structuredClone:
 * under Jest it builds objects of another realm, which the settings model's plain-object check
 * refuses.)
 */
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function emptyDocument(): SettingsDocument {
  return { tenant: {}, packages: {} };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A well-formed copy of a stored or computed document: packages without overrides are dropped
 * and package ids are sorted, so equal settings always serialise the same way.
 */
export function normaliseDocument(raw: unknown): SettingsDocument {
  const source = isRecord(raw) ? raw : {};
  const tenant = isRecord(source['tenant']) ? (cloneJson(source['tenant']) as SettingsPatch) : {};
  const packages: Record<string, SettingsPatch> = {};
  const rawPackages = isRecord(source['packages']) ? source['packages'] : {};
  for (const packageId of Object.keys(rawPackages).sort()) {
    const overrides = rawPackages[packageId];
    if (isRecord(overrides) && Object.keys(overrides).length > 0) {
      packages[packageId] = cloneJson(overrides);
    }
  }
  return { tenant, packages };
}

const orNull = (value: unknown): unknown => (value === undefined ? null : value);

/** Every setting whose stored value differs, tenant level first, then packages by id. */
export function documentChanges(
  before: SettingsDocument,
  after: SettingsDocument,
): DocumentChange[] {
  const changes: DocumentChange[] = diff(before.tenant, after.tenant).map((change) => ({
    scope: 'tenant',
    key: change.key,
    before: orNull(change.before),
    after: orNull(change.after),
  }));
  const packageIds = [
    ...new Set([...Object.keys(before.packages), ...Object.keys(after.packages)]),
  ].sort();
  for (const packageId of packageIds) {
    for (const change of diff(before.packages[packageId] ?? {}, after.packages[packageId] ?? {})) {
      changes.push({
        scope: 'package',
        packageId,
        key: change.key,
        before: orNull(change.before),
        after: orNull(change.after),
      });
    }
  }
  return changes;
}

/** `scope: key` labels for the audit log and webhook: `chat.x` or `packages.<id>.chat.x`. */
export function changePath(change: DocumentChange): string {
  return change.scope === 'package'
    ? `packages.${change.packageId ?? ''}.${change.key}`
    : change.key;
}

/** Before/after maps of just the changed settings, keyed by {@link changePath}. */
export function changedValues(changes: readonly DocumentChange[]): {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
} {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const change of changes) {
    before[changePath(change)] = change.before;
    after[changePath(change)] = change.after;
  }
  return { before, after };
}

/** Sets (value) or clears (null) settings of one patch; returns a new patch. */
export function applyValues(
  patch: SettingsPatch,
  values: Readonly<Record<string, unknown>>,
): SettingsPatch {
  const result: Record<string, unknown> = cloneJson(patch);
  for (const [key, value] of Object.entries(values)) {
    if (value === null) delete result[key];
    else result[key] = cloneJson(value);
  }
  return result;
}

/**
 * The stored values the tenant may use: a setting whose entitlement the tenant has lost keeps
 * its stored value (so a renewed licence brings it back) but is not effective meanwhile.
 */
export function entitledOnly(patch: SettingsPatch, entitlements: readonly string[]): SettingsPatch {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    const needed = SETTING_KEYS.includes(key as SettingKey)
      ? entitlementFor(key as SettingKey)
      : undefined;
    if (needed === undefined || entitlements.includes(needed)) result[key] = value;
  }
  return result;
}

/** Effective values with provenance for the tenant, or for one package when `packageId` is given. */
export function effectiveView(
  document: SettingsDocument,
  entitlements: readonly string[],
  packageId?: string | null,
): EffectiveView {
  const packageOverrides =
    packageId === undefined || packageId === null ? undefined : document.packages[packageId];
  const { values, provenance } = resolveEffective(
    defaultValues(),
    entitledOnly(document.tenant, entitlements),
    packageOverrides === undefined ? undefined : entitledOnly(packageOverrides, entitlements),
  );
  return { values, provenance };
}

/** Keys the changes set to a value (not clear) that need an entitlement the tenant lacks. */
export function unentitledChanges(
  changes: readonly DocumentChange[],
  entitlements: readonly string[],
): { change: DocumentChange; entitlement: string }[] {
  return changes.flatMap((change) => {
    const needed = entitlementFor(change.key);
    return change.after !== null && needed !== undefined && !entitlements.includes(needed)
      ? [{ change, entitlement: needed }]
      : [];
  });
}

/** A field error of the model with its path placed under a prefix of the request body. */
export function prefixError(error: FieldError, prefix: string): FieldError {
  return { ...error, path: [prefix, error.path].filter((part) => part !== '').join('.') };
}
