import { EntityManager } from '@mikro-orm/core';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { hasCapability, type HostApiClient } from '@switchboard/host-contract';
import { TenantProfileService } from '../bans/tenant-profile.service.js';
import { ApiError } from '../common/errors/api-error.js';
import { HostApiClientFactory } from '../host/host-api-client.factory.js';
import { SessionErasureRegistry } from '../privacy/session-erasure.registry.js';
import { SettingsCacheService } from '../settings/settings-cache.service.js';
import { foldSteps, stepsFromTimeline, type RoutedEntry, type StepFacts } from './routing-fold.js';
import { RoutingStep } from './routing-step.entity.js';

export interface RoutedOperatorsView {
  sessionId: string;
  /** `timeline`: the host's whole routing timeline; `events`: forwards and joins only (v1). */
  source: 'timeline' | 'events';
  entries: RoutedEntry[];
}

/**
 * Setting 2: which operators and groups a waiting session was offered to, in order, with times
 * and outcomes, for the hover in the host's queue UI. A host with the routing timeline is read
 * whole on each event and each read; a v1-only host's forwards and joins are kept as they come.
 */
@Injectable()
export class RoutedOperatorsService implements OnModuleInit {
  private readonly logger = new Logger(RoutedOperatorsService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly settings: SettingsCacheService,
    private readonly hosts: HostApiClientFactory,
    private readonly profiles: TenantProfileService,
    private readonly erasure: SessionErasureRegistry,
  ) {}

  onModuleInit(): void {
    this.erasure.register('routed-operators', async ({ tenantId, sessionId }, em) => ({
      category: 'routing',
      erased: await em.nativeDelete(RoutingStep, { tenant: tenantId, sessionId }),
    }));
  }

  async enabled(tenantId: string): Promise<boolean> {
    return (await this.settings.effective(tenantId, null)).body.values[
      'general.showRoutedOperators'
    ];
  }

  /** A routing event: refresh from the timeline, or keep the event's own step on a v1 host. */
  async onRoutingEvent(
    tenantId: string,
    sessionId: string,
    v1Step: (client: HostApiClient) => Promise<StepFacts | null>,
  ): Promise<void> {
    if (!(await this.enabled(tenantId))) return;
    const client = await this.hosts.forTenant(tenantId);
    if (await this.profiles.has(tenantId, 'routingTimeline')) {
      await this.refreshFromTimeline(client, tenantId, sessionId);
      return;
    }
    const step = await v1Step(client);
    if (step === null) return;
    await this.em
      .fork()
      .upsert(
        RoutingStep,
        { tenant: tenantId, sessionId, source: 'events', ...step },
        { onConflictFields: ['tenant', 'sessionId', 'stepKey'], onConflictAction: 'ignore' },
      );
  }

  /** For the hover; 404 `routed_operators_disabled` while setting 2 is off. */
  async read(tenantId: string, sessionId: string): Promise<RoutedOperatorsView> {
    if (!(await this.enabled(tenantId))) {
      throw new ApiError({
        status: 404,
        code: 'routed_operators_disabled',
        messageKey: 'routed_operators.disabled',
      });
    }
    const profile = await this.profiles.get(tenantId);
    const timeline = profile !== null && hasCapability(profile.capabilities, 'routingTimeline');
    if (timeline) {
      try {
        await this.refreshFromTimeline(await this.hosts.forTenant(tenantId), tenantId, sessionId);
      } catch (error) {
        // The last copy is still worth showing when the host is slow or down.
        this.logger.warn({ tenantId, sessionId, err: error }, 'Routing timeline not refreshed');
      }
    }
    const steps = await this.em
      .fork()
      .find(RoutingStep, { tenant: tenantId, sessionId }, { orderBy: { at: 'ASC', id: 'ASC' } });
    return { sessionId, source: timeline ? 'timeline' : 'events', entries: foldSteps(steps) };
  }

  private async refreshFromTimeline(
    client: HostApiClient,
    tenantId: string,
    sessionId: string,
  ): Promise<void> {
    const { items } = await client.getRoutingTimeline(sessionId);
    const steps = stepsFromTimeline(items);
    await this.em.fork().transactional(async (em) => {
      await em.nativeDelete(RoutingStep, { tenant: tenantId, sessionId, source: 'timeline' });
      for (const step of steps) {
        em.create(RoutingStep, { tenant: tenantId, sessionId, source: 'timeline', ...step });
      }
      await em.flush();
    });
  }
}
