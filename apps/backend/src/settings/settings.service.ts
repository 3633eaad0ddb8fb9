import { randomUUID } from 'node:crypto';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import {
  type FieldError,
  type SettingKey,
  type SettingsPatch,
  defaultValues,
  isPackageScoped,
  isSettingKey,
  resolveEffective,
  translate as translateSetting,
  validate,
} from '@switchboard/settings-model';
import { type AuditActor, AuditService, actorFromPrincipal } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { ApiError } from '../common/errors/api-error.js';
import { renderMessage } from '../common/errors/api-problem.js';
import { zodFieldProblems } from '../common/errors/zod-problems.js';
import { strictDeep } from '../common/errors/zod-validation.pipe.js';
import type { Language } from '../common/i18n/translate.js';
import { Tenant } from '../installation/tenant.entity.js';
import {
  type DocumentChange,
  type SettingsDocument,
  applyValues,
  changedValues,
  documentChanges,
  emptyDocument,
  normaliseDocument,
  prefixError,
  unentitledChanges,
} from './settings-document.js';
import {
  invalidPackageId,
  notPackageScoped,
  revisionNotFound,
  settingsValidationError,
  unknownSetting,
  versionConflict,
} from './settings-errors.js';
import { type RevisionKind, SettingsRevision } from './settings-revision.entity.js';
import { type RevisionSummary, revisionView } from './settings-views.js';
import {
  type ImportResult,
  type RevisionFilter,
  type SettingsExportDocument,
  settingsExportDocument,
} from './settings.schemas.js';
import { SETTINGS_UPDATED, type SettingsUpdatedEvent } from './settings.events.js';
import { TenantSettings } from './tenant-settings.entity.js';

/** What is stored for a tenant right now, with the licence flags that decide what is usable. */
export interface SettingsSnapshot {
  tenantId: string;
  version: number;
  document: SettingsDocument;
  entitlements: readonly string[];
}

export interface WriteResult {
  version: number;
  /** False when the request changed nothing (no revision, same version). */
  changed: boolean;
  changes: DocumentChange[];
  document: SettingsDocument;
  entitlements: readonly string[];
}

/** A settings write: how to derive the next document from the current one. */
interface WriteRequest {
  principal: Principal;
  expectedVersion: number;
  kind: RevisionKind;
  auditAction: string;
  auditTarget?: { type: string; id: string };
  rolledBackTo?: number;
  next(current: SettingsDocument, tenant: Tenant): SettingsDocument;
}

const PACKAGE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function assertPackageId(packageId: string): void {
  if (!PACKAGE_ID.test(packageId)) throw invalidPackageId();
}

/** The import envelope, strict throughout: an unknown field is an error, not ignored. */
const strictExportDocument = strictDeep(settingsExportDocument);

type ImportedSettings = SettingsExportDocument['settings'];

/** A conflict seen inside the transaction; answered as 409 once it has rolled back. */
class StaleVersion extends Error {}

/** How many concurrent-change revisions a 409 carries for the panel to show. */
const CONFLICT_HISTORY_LIMIT = 50;

/**
 * The settings of every tenant: defaults ⊕ stored overrides, every accepted write a numbered
 * revision with its diff, optimistic concurrency on a version, an audit entry in the same
 * transaction and a `settings.updated` event after commit (the immich system-config model).
 */
@Injectable()
export class SettingsService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly events: EventEmitter2,
  ) {}

  /** The tenant's stored settings and entitlements (one read each, in a context of its own). */
  async snapshot(tenantId: string): Promise<SettingsSnapshot> {
    const em = this.em.fork();
    const [tenant, row] = await Promise.all([
      em.findOne(Tenant, { id: tenantId }, { fields: ['id', 'entitlements'] }),
      em.findOne(TenantSettings, { tenant: tenantId }),
    ]);
    if (tenant === null) throw ApiError.notFound();
    return {
      tenantId,
      version: row?.version ?? 0,
      document: row === null ? emptyDocument() : normaliseDocument(row.document),
      entitlements: [...tenant.entitlements],
    };
  }

  /** PATCH /api/settings: set (value) or clear (null) tenant-level values. */
  updateTenant(
    principal: Principal,
    expectedVersion: number,
    values: Readonly<Record<string, unknown>>,
  ): Promise<WriteResult> {
    return this.write({
      principal,
      expectedVersion,
      kind: 'update',
      auditAction: 'settings.updated',
      auditTarget: { type: 'tenant_settings', id: principal.tenantId },
      next: (current, tenant) => {
        const sets: Record<string, unknown> = {};
        const clears: Record<string, null> = {};
        const errors: FieldError[] = [];
        for (const [key, value] of Object.entries(values)) {
          if (value !== null) sets[key] = value;
          else if (isSettingKey(key)) clears[key] = null;
          else {
            errors.push({
              path: key,
              code: 'unknown_setting',
              messageKey: 'settings.errors.unknown_setting',
            });
          }
        }
        const result = validate(sets, { scope: 'tenant', entitlements: tenant.entitlements });
        if (!result.ok) errors.push(...result.errors);
        if (errors.length > 0) {
          throw settingsValidationError(errors.map((error) => prefixError(error, 'values')));
        }
        const validated = result.ok ? result.value : {};
        return {
          tenant: applyValues(current.tenant, { ...validated, ...clears }),
          packages: current.packages,
        };
      },
    });
  }

  /** PUT /api/settings/packages/:packageId/:key */
  setPackageOverride(
    principal: Principal,
    expectedVersion: number,
    packageId: string,
    key: string,
    value: unknown,
  ): Promise<WriteResult> {
    const settingKey = packageKey(packageId, key);
    return this.write({
      principal,
      expectedVersion,
      kind: 'package_override',
      auditAction: 'settings.package_override_set',
      auditTarget: { type: 'package', id: packageId },
      next: (current, tenant) => {
        const result = validate(
          { [settingKey]: value },
          { scope: 'package', entitlements: tenant.entitlements },
        );
        if (!result.ok) {
          // Paths relative to the body: `value`, `value.companyAddress`...
          throw settingsValidationError(
            result.errors.map((error) => ({
              ...error,
              path: ['value', error.path.slice(settingKey.length + 1)]
                .filter((part) => part !== '')
                .join('.'),
            })),
          );
        }
        const overrides = applyValues(current.packages[packageId] ?? {}, result.value);
        return normaliseDocument({
          tenant: current.tenant,
          packages: { ...current.packages, [packageId]: overrides },
        });
      },
    });
  }

  /** DELETE /api/settings/packages/:packageId/:key */
  clearPackageOverride(
    principal: Principal,
    expectedVersion: number,
    packageId: string,
    key: string,
  ): Promise<WriteResult> {
    const settingKey = packageKey(packageId, key);
    return this.write({
      principal,
      expectedVersion,
      kind: 'package_override',
      auditAction: 'settings.package_override_cleared',
      auditTarget: { type: 'package', id: packageId },
      next: (current) =>
        normaliseDocument({
          tenant: current.tenant,
          packages: {
            ...current.packages,
            [packageId]: applyValues(current.packages[packageId] ?? {}, { [settingKey]: null }),
          },
        }),
    });
  }

  /**
   * POST /api/settings/revisions/:number/rollback: a new revision restoring that document;
   * version 0 restores the all-defaults state every tenant starts from.
   */
  async rollback(
    principal: Principal,
    expectedVersion: number,
    number: number,
  ): Promise<WriteResult> {
    const restored = await this.documentAt(principal.tenantId, number);
    return this.write({
      principal,
      expectedVersion,
      kind: 'rollback',
      auditAction: 'settings.rolled_back',
      auditTarget: { type: 'settings_revision', id: String(number) },
      rolledBackTo: number,
      next: (current, tenant) => {
        // The licence may have changed since: restoring a value needing a lost entitlement is
        // refused, naming the setting; restoring a default (clearing) is always allowed.
        const refused = unentitledChanges(documentChanges(current, restored), tenant.entitlements);
        if (refused.length > 0) {
          throw settingsValidationError(
            refused.map(({ change, entitlement }) => ({
              path:
                change.scope === 'package'
                  ? `packages.${change.packageId}.${change.key}`
                  : `tenant.${change.key}`,
              code: 'feature_not_entitled',
              messageKey: 'settings.errors.feature_not_entitled',
              params: { entitlement },
            })),
          );
        }
        // Validated whole (with today's rules) by the write path, like any other write.
        return restored;
      },
    });
  }

  /**
   * Validates an imported `settings` object whole: the tenant level and every package, with the
   * tenant's entitlements. Errors have paths from the import document's root.
   */
  checkImport(
    settings: ImportedSettings,
    entitlements: readonly string[],
  ): { document: SettingsDocument; errors: FieldError[] } {
    const errors: FieldError[] = [];
    const tenantResult = validate(settings.tenant, { scope: 'tenant', entitlements });
    if (!tenantResult.ok)
      errors.push(...tenantResult.errors.map((e) => prefixError(e, 'settings.tenant')));
    const packages: Record<string, SettingsPatch> = {};
    for (const [packageId, overrides] of Object.entries(settings.packages)) {
      const prefix = `settings.packages.${packageId}`;
      if (!PACKAGE_ID.test(packageId)) {
        errors.push({
          path: prefix,
          code: 'invalid_format',
          messageKey: 'settings.errors.invalid_format',
          params: { format: 'package id' },
        });
        continue;
      }
      const result = validate(overrides, { scope: 'package', entitlements });
      if (result.ok) packages[packageId] = result.value;
      else errors.push(...result.errors.map((e) => prefixError(e, prefix)));
    }
    const document = normaliseDocument({
      tenant: tenantResult.ok ? tenantResult.value : {},
      packages,
    });
    // The merged result too, so a dry run reports everything the real import would refuse.
    if (errors.length === 0) errors.push(...documentErrors(document, 'settings'));
    return { document, errors };
  }

  /**
   * POST /api/settings/import?dryRun=true: checks an import document (envelope and settings)
   * and answers what it would change, writing nothing. Problems are part of the answer, in the
   * caller's language, rather than an error.
   */
  async dryRunImport(tenantId: string, body: unknown, language: Language): Promise<ImportResult> {
    // reportInput lets the error mapping tell a missing field from a wrongly typed one.
    const parsed = strictExportDocument.safeParse(body, { reportInput: true });
    if (!parsed.success) {
      return {
        valid: false,
        errors: zodFieldProblems(parsed.error).map((problem) => ({
          path: problem.path,
          code: problem.code,
          message: renderMessage(problem.message, language),
        })),
        changes: [],
      };
    }
    const snapshot = await this.snapshot(tenantId);
    const { document, errors } = this.checkImport(parsed.data.settings, snapshot.entitlements);
    return {
      valid: errors.length === 0,
      errors: errors.map((error) => ({
        path: error.path,
        code: error.code,
        message: translateSetting(language, error.messageKey, error.params),
      })),
      changes: errors.length === 0 ? documentChanges(snapshot.document, document) : [],
    };
  }

  /** POST /api/settings/import (not a dry run): replaces the document as one revision. */
  importDocument(
    principal: Principal,
    expectedVersion: number,
    body: unknown,
  ): Promise<WriteResult> {
    const parsed = strictExportDocument.safeParse(body, { reportInput: true });
    if (!parsed.success) throw ApiError.validation(zodFieldProblems(parsed.error));
    const settings = parsed.data.settings;
    return this.write({
      principal,
      expectedVersion,
      kind: 'import',
      auditAction: 'settings.imported',
      auditTarget: { type: 'tenant_settings', id: principal.tenantId },
      next: (_current, tenant) => {
        const { document, errors } = this.checkImport(settings, tenant.entitlements);
        if (errors.length > 0) throw settingsValidationError(errors);
        return document;
      },
    });
  }

  /** One revision of the caller's tenant; 404 when there is none with that number. */
  async revision(tenantId: string, number: number): Promise<SettingsRevision> {
    const revision = await this.em.fork().findOne(SettingsRevision, { tenant: tenantId, number });
    if (revision === null) throw revisionNotFound(number);
    return revision;
  }

  /** The document a version produced; version 0 is the empty document every tenant starts with. */
  async documentAt(tenantId: string, number: number): Promise<SettingsDocument> {
    if (number === 0) return emptyDocument();
    return normaliseDocument((await this.revision(tenantId, number)).document);
  }

  async listRevisions(
    tenantId: string,
    options: {
      filter: RevisionFilter;
      orderBy: { field: 'number' | 'createdAt'; order: 'ASC' | 'DESC' };
      offset: number;
      limit: number;
    },
  ): Promise<{ rows: RevisionSummary[]; total: number }> {
    const where = {
      tenant: tenantId,
      ...(options.filter.kind === undefined ? {} : { kind: options.filter.kind }),
      ...(options.filter.actorId === undefined ? {} : { actorId: options.filter.actorId }),
    };
    const [rows, total] = await this.em.fork().findAndCount(SettingsRevision, where, {
      orderBy: { [options.orderBy.field]: options.orderBy.order, number: options.orderBy.order },
      offset: options.offset,
      limit: options.limit,
      exclude: ['document'],
    });
    return { rows: rows.map(revisionView), total };
  }

  /** The changes of every revision after `version`, for a writer who lost a race. */
  private async changesSince(tenantId: string, version: number): Promise<DocumentChange[]> {
    const revisions = await this.em.fork().find(
      SettingsRevision,
      { tenant: tenantId, number: { $gt: version } },
      {
        orderBy: { number: 'ASC' },
        limit: CONFLICT_HISTORY_LIMIT,
        fields: ['number', 'changes'],
      },
    );
    return revisions.flatMap((revision) => revision.changes);
  }

  private async currentVersion(tenantId: string): Promise<number> {
    const row = await this.em
      .fork()
      .findOne(TenantSettings, { tenant: tenantId }, { fields: ['version'] });
    return row?.version ?? 0;
  }

  /**
   * The one write path. Inside a transaction: read the current version, refuse a stale one,
   * derive and validate the next document, then a conditional `UPDATE … WHERE version = ?` (or
   * the first INSERT) and the revision insert, whose unique (tenant, number) catches any writer
   * that slipped past. Exactly one of several same-version writers commits; the others get 409.
   */
  private async write(request: WriteRequest): Promise<WriteResult> {
    const { principal, expectedVersion } = request;
    const tenantId = principal.tenantId;
    const actor = actorFromPrincipal(principal);
    let outcome: (WriteResult & { before: SettingsDocument }) | undefined;
    try {
      outcome = await this.em.fork().transactional(async (tx) => {
        const tenant = await tx.findOne(Tenant, { id: tenantId });
        if (tenant === null) throw ApiError.notFound();
        const entitlements = [...tenant.entitlements];
        const row = await tx.findOne(TenantSettings, { tenant: tenantId });
        const version = row?.version ?? 0;
        if (version !== expectedVersion) throw new StaleVersion();
        const before = row === null ? emptyDocument() : normaliseDocument(row.document);
        const after = normaliseDocument(request.next(before, tenant));
        const mergedErrors = documentErrors(after, '');
        if (mergedErrors.length > 0) throw settingsValidationError(mergedErrors);
        const changes = documentChanges(before, after);
        if (changes.length === 0) {
          return { version, changed: false, changes, document: before, before, entitlements };
        }
        const next = version + 1;
        const now = new Date();
        if (row === null) {
          await tx.insert(TenantSettings, {
            tenant: tenantId,
            document: after,
            version: next,
            updatedAt: now,
            updatedBy: actor.id,
          });
        } else {
          const updated = await tx.nativeUpdate(
            TenantSettings,
            { tenant: tenantId, version },
            { document: after, version: next, updatedAt: now, updatedBy: actor.id },
          );
          if (updated !== 1) throw new StaleVersion();
        }
        await tx.insert(SettingsRevision, {
          tenant: tenantId,
          number: next,
          kind: request.kind,
          document: after,
          changes,
          actorId: actor.id,
          actorName: actor.name ?? null,
          rolledBackTo: request.rolledBackTo ?? null,
          createdAt: now,
        });
        await this.audit.record(
          {
            tenantId,
            actor,
            action: request.auditAction,
            ...(request.auditTarget === undefined ? {} : { target: request.auditTarget }),
            ...changedValues(changes),
            details: {
              version: next,
              kind: request.kind,
              ...(request.rolledBackTo === undefined ? {} : { rolledBackTo: request.rolledBackTo }),
            },
          },
          tx,
        );
        return { version: next, changed: true, changes, document: after, before, entitlements };
      });
    } catch (error) {
      if (error instanceof StaleVersion || error instanceof UniqueConstraintViolationException) {
        const current = await this.currentVersion(tenantId);
        throw versionConflict(current, await this.changesSince(tenantId, expectedVersion));
      }
      throw error;
    }
    if (outcome.changed) this.emitUpdated(tenantId, request.kind, outcome, actor);
    const { before: _before, ...result } = outcome;
    return result;
  }

  private emitUpdated(
    tenantId: string,
    kind: RevisionKind,
    outcome: WriteResult & { before: SettingsDocument },
    actor: AuditActor,
  ): void {
    const event: SettingsUpdatedEvent = {
      eventId: randomUUID(),
      tenantId,
      version: outcome.version,
      kind,
      changes: outcome.changes,
      before: outcome.before,
      after: outcome.document,
      actor,
    };
    this.events.emit(SETTINGS_UPDATED, event);
  }
}

/** Checks a package-override route's key: a known, package-scoped setting and a sane package id. */
function packageKey(packageId: string, key: string): SettingKey {
  assertPackageId(packageId);
  if (!isSettingKey(key)) throw unknownSetting();
  if (!isPackageScoped(key)) throw notPackageScoped(key);
  return key;
}

/**
 * Validates a whole document: each level on its own (`scope` rules included), then the
 * effective result for the tenant and for every package, so a combination is judged as it will
 * be enforced. Entitlements are not checked here (callers check the values
 * they set): a stored value whose licence lapsed must not block unrelated edits.
 */
function documentErrors(document: SettingsDocument, prefix: string): FieldError[] {
  const at = (path: string) => [prefix, path].filter((part) => part !== '').join('.');
  const errors: FieldError[] = [];
  const tenant = validate(document.tenant, { scope: 'tenant' });
  if (!tenant.ok) errors.push(...tenant.errors.map((e) => prefixError(e, at('tenant'))));
  for (const [packageId, overrides] of Object.entries(document.packages)) {
    const result = validate(overrides, { scope: 'package' });
    if (!result.ok) {
      errors.push(...result.errors.map((e) => prefixError(e, at(`packages.${packageId}`))));
    }
  }
  if (errors.length > 0) return errors;
  const levels: [string, SettingsPatch | undefined][] = [
    ['tenant', undefined],
    ...Object.entries(document.packages).map(([packageId, overrides]): [string, SettingsPatch] => [
      `packages.${packageId}`,
      overrides,
    ]),
  ];
  for (const [path, overrides] of levels) {
    const { values } = resolveEffective(defaultValues(), document.tenant, overrides);
    const result = validate(values, { complete: true });
    if (!result.ok) errors.push(...result.errors.map((e) => prefixError(e, at(path))));
  }
  return errors;
}
