import { Controller, HttpCode, Logger, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { DECISION_HOOKS, EXTENSION_PATHS, type HookName } from '@switchboard/host-contract';
import type { FastifyRequest } from 'fastify';
import { Public } from '../auth/auth.decorators.js';
import { ApiError } from '../common/errors/api-error.js';
import { zodFieldProblems } from '../common/errors/zod-problems.js';
import { HostMetrics, type HookSource } from '../metrics/host-metrics.js';
import { DecisionHookRegistry } from './decision-hook.registry.js';
import { HookAuthGuard, verifiedHookTenant } from './hook-auth.guard.js';

/** `session-admission` → `sessionAdmission`, from the contract's paths. */
const HOOKS_BY_SEGMENT = new Map<string, HookName>(
  Object.entries(EXTENSION_PATHS.switchboard.hooks).map(([name, path]) => [
    path.slice('/hooks/'.length),
    name as HookName,
  ]),
);

export function hookBySegment(segment: string): HookName | undefined {
  return HOOKS_BY_SEGMENT.get(segment);
}

export type HookAnswer = Record<string, unknown> & {
  /** `settings`: decided by Switchboard; `default`: the contract's safe default (no decider). */
  decidedBy: 'settings' | 'default';
};

const signed = (name: string): MethodDecorator =>
  ApiHeader({
    name,
    required: true,
    description: "Standard Webhooks, the tenant's webhook secret",
  });

/**
 * The host's synchronous decision points. Verify (signature with the tenant's webhook secret,
 * tenant id in the body) → parse (the hook's request schema) → decide (the registered decider,
 * else the safe default). A decider that fails or answers outside the contract also gives the
 * safe default: a hook never answers 5xx because Switchboard could not decide.
 */
@ApiTags('hooks')
@Public()
@Controller('hooks')
export class DecisionHooksController {
  private readonly logger = new Logger(DecisionHooksController.name);

  constructor(
    private readonly registry: DecisionHookRegistry,
    private readonly metrics: HostMetrics,
  ) {}

  @ApiOperation({
    summary: 'Answer a decision hook (see DECISION_HOOKS in @switchboard/host-contract)',
    description:
      'The hook answer per the contract, plus `decidedBy`. For a hook whose safe default is ' +
      "the host's own behaviour with no answer (nextEmail), the default is `{ useHostDefault: true }`.",
  })
  @signed('webhook-id')
  @signed('webhook-timestamp')
  @signed('webhook-signature')
  @ApiParam({ name: 'name', enum: [...HOOKS_BY_SEGMENT.keys()] })
  @UseGuards(HookAuthGuard)
  @Post(':name')
  @HttpCode(200)
  async decide(
    @Param('name') segment: string,
    @Req() request: FastifyRequest,
  ): Promise<HookAnswer> {
    const started = performance.now();
    const name = hookBySegment(segment);
    if (name === undefined) {
      throw new ApiError({
        status: 404,
        code: 'unknown_hook',
        messageKey: 'host.unknown_hook',
        params: { name: segment },
      });
    }
    const descriptor = DECISION_HOOKS[name];
    const parsed = descriptor.request.safeParse(request.body);
    if (!parsed.success) throw ApiError.validation(zodFieldProblems(parsed.error));
    const context = verifiedHookTenant(request);
    const answered = (answer: HookAnswer, source: HookSource): HookAnswer => {
      const seconds = (performance.now() - started) / 1000;
      this.metrics.hookAnswered(context.tenantId, name, answer, source, seconds);
      return answer;
    };
    const decider = this.registry.get(name);
    if (decider !== undefined) {
      try {
        const answer: unknown = await decider(parsed.data, context);
        const checked = descriptor.response.safeParse(answer);
        if (checked.success) {
          return answered({ ...(checked.data as object), decidedBy: 'settings' }, 'settings');
        }
        this.logger.error(
          { hook: name, tenantId: context.tenantId, issues: checked.error.issues },
          'Decider answered outside the contract; answering the safe default',
        );
      } catch (error) {
        this.logger.error(
          { hook: name, tenantId: context.tenantId, err: error },
          'Decider failed; answering the safe default',
        );
      }
    }
    const fallback = descriptor.safeDefault;
    return answered(
      fallback === null
        ? { useHostDefault: true, decidedBy: 'default' }
        : { ...fallback, decidedBy: 'default' },
      // The same answer, but an operator must tell "no decider" from "the decider failed".
      decider === undefined ? 'default' : 'fallback',
    );
  }
}
