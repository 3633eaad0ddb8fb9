import { Module } from '@nestjs/common';
import { SettingsWebhookListener } from '../settings/settings-webhook.listener.js';
import { SettingsModule } from '../settings/settings.module.js';
import { DeadLettersController } from './dead-letters.controller.js';
import { DecisionHookRegistry } from './decision-hook.registry.js';
import { DecisionHooksController } from './decision-hooks.controller.js';
import { HookAuthGuard } from './hook-auth.guard.js';
import { HostApiClientFactory } from './host-api-client.factory.js';
import { HostTenantCache } from './host-tenant-cache.service.js';
import { InboxProcessor } from './inbox-processor.service.js';
import { InboxRetention } from './inbox-retention.service.js';
import { WebhookAuthGuard } from './webhook-auth.guard.js';
import { WebhookIngressController } from './webhook-ingress.controller.js';
import { WebhookIngressRoute } from './webhook-ingress.route.js';
import { WebhookIngressService } from './webhook-ingress.service.js';
import { WebhookRegistrationService } from './webhook-registration.service.js';

/**
 * The boundary with the host: webhook ingress (verify → parse → store in the inbox), the inbox
 * processor that publishes `host.<EventType>` internal events, dead letters, decision hooks, the
 * per-tenant host API client and the webhook registration at install. Capability modules react
 * to the internal events and register deciders in DecisionHookRegistry.
 */
@Module({
  imports: [SettingsModule],
  controllers: [WebhookIngressController, DeadLettersController, DecisionHooksController],
  providers: [
    HostTenantCache,
    WebhookAuthGuard,
    HookAuthGuard,
    WebhookIngressService,
    WebhookIngressRoute,
    InboxProcessor,
    InboxRetention,
    DecisionHookRegistry,
    HostApiClientFactory,
    WebhookRegistrationService,
    // Settings' change notification goes through the host client (a provider of this module).
    SettingsWebhookListener,
  ],
  exports: [DecisionHookRegistry, HostApiClientFactory, InboxProcessor],
})
export class HostModule {}
