import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { SessionAdmissionRequest, SessionAdmissionResponse } from '@switchboard/host-contract';
import { AuditService, systemActor } from '../audit/audit.service.js';
import { ClientPreviewService } from '../client-preview/client-preview.service.js';
import { translate } from '../common/i18n/translate.js';
import { type DecisionContext, DecisionHookRegistry } from '../host/decision-hook.registry.js';
import { BansService } from './bans.service.js';
import { identitiesOf } from './channel-identity.js';
import { TenantProfileService } from './tenant-profile.service.js';

/**
 * The session-admission hook: refuse a client whose device or channel identity is banned (setting
 * 3's enforcement), else admit with the waiting-client preview (setting 1). The ban check is one
 * indexed query; the preview and the tenant's region come from per-instance caches.
 */
@Injectable()
export class SessionAdmissionDecider implements OnModuleInit {
  private readonly logger = new Logger(SessionAdmissionDecider.name);

  constructor(
    private readonly audit: AuditService,
    private readonly registry: DecisionHookRegistry,
    private readonly bans: BansService,
    private readonly previews: ClientPreviewService,
    private readonly profiles: TenantProfileService,
  ) {}

  onModuleInit(): void {
    this.registry.register('sessionAdmission', (request, context) => this.decide(request, context));
  }

  async decide(
    request: SessionAdmissionRequest,
    context: DecisionContext,
  ): Promise<SessionAdmissionResponse> {
    const region = (await this.profiles.get(context.tenantId))?.region ?? null;
    const [ban, preview] = await Promise.all([
      this.bans.activeBan(context.tenantId, identitiesOf(request.guest, region)),
      this.previews.forAdmission(context.tenantId, request.guest),
    ]);
    if (ban === null) return { decision: 'admit', preview };
    await this.recordRefusal(context.tenantId, request.sessionId);
    return {
      decision: 'refuse',
      reason: 'banned',
      message: translate(context.locale, 'bans.admission_refused'),
      ...(ban.expiresAt === null ? {} : { retryAt: ban.expiresAt.toISOString() }),
    };
  }

  /**
   * Refusals are audited (and counted on the dashboard). A failed audit write is logged, never
   * thrown: an error here would make the host fall back to its safe default and admit the client.
   */
  private async recordRefusal(tenantId: string, sessionId: string): Promise<void> {
    try {
      await this.audit.record({
        tenantId,
        actor: systemActor,
        action: 'admission.refused',
        target: { type: 'session', id: sessionId },
        outcome: 'denied',
        details: { reason: 'banned' },
      });
    } catch (error) {
      this.logger.error({ tenantId, sessionId, err: error }, 'Could not audit a refused admission');
    }
  }
}
