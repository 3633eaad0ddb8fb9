import { Injectable } from '@nestjs/common';
import type { HookName, HookRequest, HookResponse } from '@switchboard/host-contract';

/** What a decider knows besides the request. */
export interface DecisionContext {
  tenantId: string;
  /** The tenant's language, for texts shown to the client. */
  locale: 'cs' | 'en';
}

export type Decider<N extends HookName> = (
  request: HookRequest<N>,
  context: DecisionContext,
) => Promise<HookResponse<N>> | HookResponse<N>;

/**
 * Capability modules register one decider per decision hook (in `onModuleInit`). A hook without a
 * decider is answered with the contract's safe default by the hooks controller.
 */
@Injectable()
export class DecisionHookRegistry {
  private readonly deciders = new Map<HookName, Decider<HookName>>();

  register<N extends HookName>(name: N, decider: Decider<N>): void {
    if (this.deciders.has(name)) throw new Error(`A decider for ${name} is already registered`);
    this.deciders.set(name, decider);
  }

  get<N extends HookName>(name: N): Decider<N> | undefined {
    return this.deciders.get(name);
  }
}
