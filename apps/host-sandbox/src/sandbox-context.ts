import type { FastifyBaseLogger } from 'fastify';
import type { SandboxEnv } from './config/env.js';
import type { HookCaller } from './hooks/hook-caller.js';
import type { StateStore } from './state/state-store.js';
import type { WebhookDispatcher } from './webhooks/webhook-dispatcher.js';

/** What routes, actions and the scenario runner share; built once per server. */
export interface SandboxContext {
  env: SandboxEnv;
  store: StateStore;
  log: FastifyBaseLogger;
  dispatcher: WebhookDispatcher;
  hooks: HookCaller;
  /** Aborts when the server closes: pending sleeps and deliveries stop. */
  lifetime: AbortSignal;
  /** The API base URL plugins are told to call (…/api/v1). */
  publicApiUrl(): string;
}
