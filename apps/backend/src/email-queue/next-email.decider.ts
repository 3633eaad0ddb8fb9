import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { NextEmailRequest, NextEmailResponse } from '@switchboard/host-contract';
import { type DecisionContext, DecisionHookRegistry } from '../host/decision-hook.registry.js';
import { EmailQueueService } from './email-queue.service.js';

/**
 * The next-e-mail hook (setting 15): claims the first queued thread in the tenant's order for the
 * operator; the host assigns it. The order is read per call, so a change applies to the next one.
 */
@Injectable()
export class NextEmailDecider implements OnModuleInit {
  constructor(
    private readonly registry: DecisionHookRegistry,
    private readonly queue: EmailQueueService,
  ) {}

  onModuleInit(): void {
    this.registry.register('nextEmail', (request, context) => this.decide(request, context));
  }

  async decide(request: NextEmailRequest, context: DecisionContext): Promise<NextEmailResponse> {
    return { threadId: await this.queue.claimNext(context.tenantId, request.operatorUserId) };
  }
}
