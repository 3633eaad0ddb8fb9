import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { AuditService, type AuditActor } from '../audit/audit.service.js';
import { ApiError } from '../common/errors/api-error.js';
import { PLATFORM_AUDIT_SCOPE } from '../installation/installation.service.js';
import { Tenant } from '../installation/tenant.entity.js';
import type { Branding, PartnerBody, PartnerView } from './partner-theme.js';
import { Partner } from './partner.entity.js';
import { TenantPartner } from './tenant-partner.entity.js';

/** The platform operator signs these calls; in the audit log it is the host platform. */
const platformActor: AuditActor = { type: 'host', id: 'platform', name: null };

export function partnerNotFound(partnerId: string): ApiError {
  return new ApiError({
    status: 404,
    code: 'partner_not_found',
    messageKey: 'partners.not_found',
    params: { partnerId },
  });
}

function view(partner: Partner, tenantCount: number): PartnerView {
  return {
    id: partner.id,
    name: partner.name,
    theme: partner.theme,
    tenantCount,
    createdAt: partner.createdAt.toISOString(),
    updatedAt: partner.updatedAt.toISOString(),
  };
}

/** Partners (white-label themes) and which installation belongs to which. */
@Injectable()
export class PartnersService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<PartnerView[]> {
    const em = this.em.fork();
    const partners = await em.find(Partner, {}, { orderBy: { id: 'ASC' } });
    const counts = await this.tenantCounts(em);
    return partners.map((partner) => view(partner, counts.get(partner.id) ?? 0));
  }

  async get(partnerId: string): Promise<PartnerView> {
    const em = this.em.fork();
    const partner = await em.findOne(Partner, { id: partnerId });
    if (partner === null) throw partnerNotFound(partnerId);
    return view(partner, await em.count(TenantPartner, { partner: partnerId }));
  }

  /** Creates or replaces a partner; its installations see the new theme on their next load. */
  async put(
    partnerId: string,
    body: PartnerBody,
  ): Promise<{ partner: PartnerView; created: boolean }> {
    return this.em.fork().transactional(async (em) => {
      let partner = await em.findOne(Partner, { id: partnerId });
      const created = partner === null;
      const before = partner === null ? null : { name: partner.name, theme: partner.theme };
      if (partner === null) {
        partner = new Partner();
        partner.id = partnerId;
        partner.name = body.name;
        partner.theme = body.theme;
        em.persist(partner);
      } else {
        partner.name = body.name;
        partner.theme = body.theme;
        // A JSON column changed in place is not always seen as dirty; the time stamp says it was.
        partner.updatedAt = new Date();
      }
      await this.audit.record(
        {
          tenantId: PLATFORM_AUDIT_SCOPE,
          actor: platformActor,
          action: created ? 'partners.created' : 'partners.updated',
          target: { type: 'partner', id: partnerId },
          before,
          after: { name: body.name, theme: body.theme },
        },
        em,
      );
      await em.flush();
      const tenantCount = await em.count(TenantPartner, { partner: partnerId });
      return { partner: view(partner, tenantCount), created };
    });
  }

  /** Deletes a partner no installation belongs to any more (409 `partner_in_use` otherwise). */
  async delete(partnerId: string): Promise<void> {
    await this.em.fork().transactional(async (em) => {
      const partner = await em.findOne(Partner, { id: partnerId });
      if (partner === null) throw partnerNotFound(partnerId);
      const tenantCount = await em.count(TenantPartner, { partner: partnerId });
      if (tenantCount > 0) {
        throw new ApiError({
          status: 409,
          code: 'partner_in_use',
          messageKey: 'partners.in_use',
          params: { partnerId, tenantCount },
          details: { tenantCount },
        });
      }
      em.remove(partner);
      await this.audit.record(
        {
          tenantId: PLATFORM_AUDIT_SCOPE,
          actor: platformActor,
          action: 'partners.deleted',
          target: { type: 'partner', id: partnerId },
          before: { name: partner.name, theme: partner.theme },
        },
        em,
      );
    });
  }

  /**
   * Says which partner an installation belongs to (null: none). Audited in the tenant's own log,
   * so its admins can see why their panel's brand changed.
   */
  async assign(tenantId: string, partnerId: string | null): Promise<Branding> {
    return this.em.fork().transactional(async (em) => {
      const tenant = await em.findOne(Tenant, { id: tenantId }, { fields: ['id'] });
      if (tenant === null) {
        throw new ApiError({
          status: 404,
          code: 'tenant_not_found',
          messageKey: 'installation.tenant_not_found',
        });
      }
      const partner = partnerId === null ? null : await em.findOne(Partner, { id: partnerId });
      if (partnerId !== null && partner === null) throw partnerNotFound(partnerId);
      const current = await em.findOne(TenantPartner, { tenant: tenantId });
      const beforeId = current?.partner.id ?? null;
      if (current !== null && partner === null) em.remove(current);
      if (current !== null && partner !== null) {
        current.partner = partner;
        current.assignedAt = new Date();
      }
      if (current === null && partner !== null) {
        em.create(TenantPartner, {
          tenant: em.getReference(Tenant, tenant.id),
          partner,
          assignedAt: new Date(),
        });
      }
      if (beforeId !== partnerId) {
        await this.audit.record(
          {
            tenantId,
            actor: platformActor,
            action: 'branding.partner_assigned',
            target: { type: 'tenant', id: tenantId },
            before: { partnerId: beforeId },
            after: { partnerId },
          },
          em,
        );
      }
      await em.flush();
      return { partnerId, theme: partner?.theme ?? {} };
    });
  }

  /** The theme the panel of this tenant shows: its partner's, or none (the panel's defaults). */
  async brandingOf(tenantId: string): Promise<Branding> {
    const assignment = await this.em
      .fork()
      .findOne(TenantPartner, { tenant: tenantId }, { populate: ['partner'] });
    if (assignment === null) return { partnerId: null, theme: {} };
    return { partnerId: assignment.partner.id, theme: assignment.partner.theme };
  }

  private async tenantCounts(em: EntityManager): Promise<Map<string, number>> {
    const rows = (await em
      .getConnection()
      .execute(
        'select partner_id, count(*) as n from tenant_partner group by partner_id',
        [],
        'all',
      )) as { partner_id: string; n: number | string }[];
    return new Map(rows.map((row) => [row.partner_id, Number(row.n)]));
  }
}
