import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { AuditService, systemActor } from '../audit/audit.service.js';
import { ApiError } from '../common/errors/api-error.js';
import { SecretBox } from '../common/crypto/secret-box.js';
import type { InstallRequest, InstallResponse, SmtpRelay } from './install-request.js';
import {
  TENANT_INSTALLED,
  TENANT_UNINSTALLED,
  type TenantInstalledEvent,
  type TenantUninstalledEvent,
} from './installation.events.js';
import {
  type HostSecretName,
  SMTP_SECRET_NAMES,
  TENANT_SECRET_NAMES,
  TenantSecret,
  type TenantSecretName,
} from './tenant-secret.entity.js';
import { TenantSmtpRelay } from './tenant-smtp-relay.entity.js';
import { Tenant } from './tenant.entity.js';

export type TenantSecrets = Record<HostSecretName, string>;

/** The tenant's own SMTP relay, credentials decrypted: for the mailer only, never for a response. */
export interface TenantSmtpRelayConfig {
  host: string;
  port: number;
  secure: boolean;
  requireTls: boolean;
  from: string;
  auth: { user: string; pass: string } | null;
}

/**
 * Audit entries about a tenant that no longer exists (its uninstall) cannot live under its id,
 * since uninstall removes everything of the tenant. Tenant ids start with a letter or digit,
 * so this scope can never be read by a tenant.
 */
export const PLATFORM_AUDIT_SCOPE = '_platform';

/** The AAD binding a ciphertext to its row: a copied ciphertext does not decrypt elsewhere. */
export function secretContext(tenantId: string, name: TenantSecretName): string {
  return `tenant-secret:${tenantId}:${name}`;
}

@Injectable()
export class InstallationService {
  private readonly logger = new Logger(InstallationService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
    private readonly events: EventEmitter2,
  ) {}

  findTenant(id: string): Promise<Tenant | null> {
    return this.em.fork().findOne(Tenant, { id });
  }

  /** The tenant, or 404 `tenant_not_found`. */
  async requireTenant(id: string): Promise<Tenant> {
    const tenant = await this.findTenant(id);
    if (tenant === null) {
      throw new ApiError({
        status: 404,
        code: 'tenant_not_found',
        messageKey: 'installation.tenant_not_found',
      });
    }
    return tenant;
  }

  /** The tenant's host credentials, decrypted. 404 `tenant_not_found` when not installed. */
  async secrets(tenantId: string): Promise<TenantSecrets> {
    const rows = await this.em.fork().find(TenantSecret, { tenant: tenantId });
    const found = new Map(rows.map((row) => [row.name, row]));
    const out: Partial<TenantSecrets> = {};
    for (const name of TENANT_SECRET_NAMES) {
      const row = found.get(name);
      if (row === undefined) {
        throw new ApiError({
          status: 404,
          code: 'tenant_not_found',
          messageKey: 'installation.tenant_not_found',
        });
      }
      out[name] = this.box.open(row, secretContext(tenantId, name));
    }
    return out as TenantSecrets;
  }

  /** The tenant's own SMTP relay, or null when it has none (or is not installed). */
  async smtpRelay(tenantId: string): Promise<TenantSmtpRelayConfig | null> {
    const em = this.em.fork();
    const relay = await em.findOne(TenantSmtpRelay, { tenant: tenantId });
    if (relay === null) return null;
    const rows = await em.find(TenantSecret, {
      tenant: tenantId,
      name: { $in: [...SMTP_SECRET_NAMES] },
    });
    const open = (name: TenantSecretName): string | undefined => {
      const row = rows.find((candidate) => candidate.name === name);
      return row === undefined ? undefined : this.box.open(row, secretContext(tenantId, name));
    };
    const user = open('smtpUser');
    const pass = open('smtpPassword');
    return {
      host: relay.host,
      port: relay.port,
      secure: relay.secure,
      requireTls: relay.requireTls,
      from: relay.fromAddress,
      auth: user === undefined || pass === undefined ? null : { user, pass },
    };
  }

  /** Creates or updates the installation; `created` tells a first install from a reinstall. */
  async install(request: InstallRequest): Promise<InstallResponse> {
    try {
      return await this.installOnce(request);
    } catch (error) {
      // Two first installs of one tenant raced; the loser becomes an update of the winner's row.
      if (error instanceof UniqueConstraintViolationException) return this.installOnce(request);
      throw error;
    }
  }

  private async installOnce(request: InstallRequest): Promise<InstallResponse> {
    const { tenant, created } = await this.em.fork().transactional(async (em) => {
      const existing = await em.findOne(Tenant, { id: request.tenantId });
      const before =
        existing === null
          ? undefined
          : { entitlements: existing.entitlements, capabilities: existing.capabilities };
      const row = existing ?? new Tenant();
      if (existing === null) {
        row.id = request.tenantId;
        em.persist(row);
      }
      row.name = request.name ?? row.name;
      row.hostApiBaseUrl = request.hostApiBaseUrl;
      row.entitlements = [...new Set(request.entitlements)].sort();
      row.capabilities = [...new Set(request.capabilities)].sort();
      if (request.timeZone !== undefined) row.timeZone = request.timeZone;
      if (request.locale !== undefined) row.locale = request.locale;
      if (existing !== null) row.updatedAt = new Date();

      const stored = new Map(
        (await em.find(TenantSecret, { tenant: row.id })).map((secret) => [secret.name, secret]),
      );
      const storeSecret = (name: TenantSecretName, value: string | undefined): void => {
        const secret = stored.get(name);
        if (value === undefined) {
          if (secret !== undefined) em.remove(secret);
          return;
        }
        const sealed = this.box.seal(value, secretContext(row.id, name));
        const target = secret ?? new TenantSecret();
        if (secret === undefined) {
          target.tenant = row;
          target.name = name;
          em.persist(target);
        }
        target.ciphertext = sealed.ciphertext;
        target.keyId = sealed.keyId;
        target.updatedAt = new Date();
      };
      for (const name of TENANT_SECRET_NAMES) storeSecret(name, request[name]);
      // Every install states the whole installation: no relay in it removes a stored one.
      await this.storeSmtpRelay(em, row, request.smtp);
      storeSecret('smtpUser', request.smtp?.user);
      storeSecret('smtpPassword', request.smtp?.password);

      await this.audit.record(
        {
          tenantId: row.id,
          actor: { type: 'host', id: 'platform', name: null },
          action: existing === null ? 'installation.installed' : 'installation.updated',
          target: { type: 'tenant', id: row.id },
          before,
          after: { entitlements: row.entitlements, capabilities: row.capabilities },
          // The relay's address only: its credentials stay out of the audit log.
          details: {
            hostApiBaseUrl: row.hostApiBaseUrl,
            smtpRelay:
              request.smtp === undefined ? null : `${request.smtp.host}:${request.smtp.port}`,
          },
        },
        em,
      );
      return { tenant: row, created: existing === null };
    });
    this.events.emit(TENANT_INSTALLED, {
      tenantId: tenant.id,
      created,
    } satisfies TenantInstalledEvent);
    return {
      tenantId: tenant.id,
      created,
      name: tenant.name,
      hostApiBaseUrl: tenant.hostApiBaseUrl,
      entitlements: tenant.entitlements,
      capabilities: tenant.capabilities,
      timeZone: tenant.timeZone,
      locale: tenant.locale,
      installedAt: tenant.installedAt.toISOString(),
      updatedAt: tenant.updatedAt.toISOString(),
    };
  }

  private async storeSmtpRelay(
    em: EntityManager,
    tenant: Tenant,
    relay: SmtpRelay | undefined,
  ): Promise<void> {
    const existing = await em.findOne(TenantSmtpRelay, { tenant: tenant.id });
    if (relay === undefined) {
      if (existing !== null) em.remove(existing);
      return;
    }
    const row = existing ?? new TenantSmtpRelay();
    if (existing === null) {
      row.tenant = tenant;
      em.persist(row);
    }
    row.host = relay.host;
    row.port = relay.port;
    row.secure = relay.secure;
    row.requireTls = relay.requireTls;
    row.fromAddress = relay.from;
    row.updatedAt = new Date();
  }

  /**
   * Removes every row of the tenant: the tenant row (tenant-owned tables cascade from it) and
   * its audit entries. Idempotent. The uninstall itself is audited under the platform scope.
   */
  async uninstall(tenantId: string): Promise<{ existed: boolean }> {
    const existed = await this.em.fork().transactional(async (em) => {
      const deleted = await em.nativeDelete(Tenant, { id: tenantId });
      await em.nativeDelete(AuditEntry, { tenantId });
      if (deleted > 0) {
        await this.audit.record(
          {
            tenantId: PLATFORM_AUDIT_SCOPE,
            actor: systemActor,
            action: 'installation.uninstalled',
            target: { type: 'tenant', id: tenantId },
          },
          em,
        );
      }
      return deleted > 0;
    });
    if (existed) {
      this.logger.log({ tenantId }, 'Tenant uninstalled');
      this.events.emit(TENANT_UNINSTALLED, { tenantId } satisfies TenantUninstalledEvent);
    }
    return { existed };
  }
}
