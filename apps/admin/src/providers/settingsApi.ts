import type { Provenance, SettingKey } from '@switchboard/settings-model';
import {
  type ApiProblem,
  parseChanges,
  type ProblemFieldError,
  type SettingChangeRecord,
} from './ApiProblem.js';
import { type ApiClient, type Download, versionFromEtag } from './apiClient.js';

export interface SettingsOverview {
  version: number;
  /** Values stored at the tenant level only. */
  tenant: Partial<Record<SettingKey, unknown>>;
  effective: Record<SettingKey, unknown>;
  provenance: Record<SettingKey, Provenance>;
  entitlements: string[];
  /** Package overrides: packageId → key → value. */
  packages: Record<string, Partial<Record<SettingKey, unknown>>>;
}

export interface PackageSettings {
  version: number;
  packageId: string;
  values: Record<SettingKey, unknown>;
  provenance: Record<SettingKey, Provenance>;
  /** Present in the backend's answer; derived from `provenance` when absent. */
  overrides?: Partial<Record<SettingKey, unknown>>;
}

export type RevisionKind = 'update' | 'package_override' | 'rollback' | 'import';

export interface Revision {
  id: number;
  number: number;
  kind: RevisionKind;
  changes: SettingChangeRecord[];
  actorId: string;
  actorName: string | null;
  rolledBackTo: number | null;
  createdAt: string;
}

export interface RevisionDiff {
  number: number;
  against: number;
  changes: SettingChangeRecord[];
}

export interface ImportResult {
  valid: boolean;
  errors: ProblemFieldError[];
  changes: SettingChangeRecord[];
}

/** A tenant-level change: a value sets the setting, null resets it to its default. */
export type SettingsPatchBody = Partial<Record<SettingKey, unknown>>;

function withVersion<T extends { version: number }>(data: T, headers: Headers): T {
  // The body carries the version; the ETag is the same number and wins if they ever differ.
  const fromEtag = versionFromEtag(headers.get('ETag'));
  return fromEtag === undefined ? data : { ...data, version: fromEtag };
}

/** The settings endpoints, typed. Only src/providers knows their URLs. */
export class SettingsApi {
  constructor(private readonly client: ApiClient) {}

  async get(): Promise<SettingsOverview> {
    const { data, headers } = await this.client.request<SettingsOverview>('/settings');
    return withVersion(data, headers);
  }

  async patch(values: SettingsPatchBody, version: number): Promise<SettingsOverview> {
    const { data, headers } = await this.client.request<SettingsOverview>('/settings', {
      method: 'PATCH',
      body: { values },
      ifMatch: version,
    });
    return withVersion(data, headers);
  }

  async getPackage(packageId: string): Promise<PackageSettings> {
    const { data, headers } = await this.client.request<PackageSettings>(
      `/settings/packages/${encodeURIComponent(packageId)}`,
    );
    return withVersion(data, headers);
  }

  async setPackageOverride(
    packageId: string,
    key: SettingKey,
    value: unknown,
    version: number,
  ): Promise<SettingsOverview> {
    const { data, headers } = await this.client.request<SettingsOverview>(
      `/settings/packages/${encodeURIComponent(packageId)}/${encodeURIComponent(key)}`,
      { method: 'PUT', body: { value }, ifMatch: version },
    );
    return withVersion(data, headers);
  }

  async clearPackageOverride(
    packageId: string,
    key: SettingKey,
    version: number,
  ): Promise<SettingsOverview> {
    const { data, headers } = await this.client.request<SettingsOverview>(
      `/settings/packages/${encodeURIComponent(packageId)}/${encodeURIComponent(key)}`,
      { method: 'DELETE', ifMatch: version },
    );
    return withVersion(data, headers);
  }

  async revision(number: number): Promise<Revision> {
    const { data } = await this.client.request<Revision>(`/settings/revisions/${number}`);
    return { ...data, changes: parseChanges(data.changes) };
  }

  async diff(number: number, against?: number): Promise<RevisionDiff> {
    const { data } = await this.client.request<RevisionDiff>(`/settings/revisions/${number}/diff`, {
      query: { against },
    });
    return { ...data, changes: parseChanges(data.changes) };
  }

  async rollback(number: number, version: number): Promise<SettingsOverview> {
    const { data, headers } = await this.client.request<SettingsOverview>(
      `/settings/revisions/${number}/rollback`,
      { method: 'POST', ifMatch: version },
    );
    return withVersion(data, headers);
  }

  export(): Promise<Download> {
    return this.client.download('/settings/export');
  }

  async importDryRun(document: unknown): Promise<ImportResult> {
    const { data } = await this.client.request<ImportResult>('/settings/import', {
      method: 'POST',
      query: { dryRun: 'true' },
      body: document,
    });
    return { valid: data.valid, errors: data.errors, changes: parseChanges(data.changes) };
  }

  async importApply(document: unknown, version: number): Promise<SettingsOverview> {
    const { data, headers } = await this.client.request<SettingsOverview>('/settings/import', {
      method: 'POST',
      body: document,
      ifMatch: version,
    });
    return withVersion(data, headers);
  }

  /** The audit log as CSV, with the list's current filter. */
  auditCsv(filter: Record<string, unknown>): Promise<Download> {
    const query = Object.keys(filter).length > 0 ? { filter: JSON.stringify(filter) } : undefined;
    return this.client.download('/audit/export.csv', query ? { query } : {});
  }
}

/**
 * A PATCH's field errors by settings path. The backend names them from the request body
 * (`values.chat.transcriptReplyTo.companyAddress`, or `tenant.…` for a whole-document rule); the
 * forms use paths from the settings root (`chat.transcriptReplyTo.companyAddress`).
 */
export function settingsFieldErrors(problem: ApiProblem): Record<string, string> {
  const byPath: Record<string, string> = {};
  for (const [path, message] of Object.entries(problem.fieldErrors())) {
    byPath[path.replace(/^(?:values|tenant)\./, '')] ??= message;
  }
  return byPath;
}

/** A package override's field errors (`value`, `value.companyAddress`) as paths under `key`. */
export function packageFieldErrors(problem: ApiProblem, key: SettingKey): Record<string, string> {
  const byPath: Record<string, string> = {};
  for (const [path, message] of Object.entries(problem.fieldErrors())) {
    const mapped =
      path === 'value' ? key : path.startsWith('value.') ? `${key}${path.slice(5)}` : path;
    byPath[mapped] ??= message;
  }
  return byPath;
}
