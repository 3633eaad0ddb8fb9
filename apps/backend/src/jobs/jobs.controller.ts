import { EntityManager, type FilterQuery, type QueryOrderMap } from '@mikro-orm/core';
import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { actorFromPrincipal, AuditService } from '../audit/audit.service.js';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { ApiError } from '../common/errors/api-error.js';
import { ZodQuery } from '../common/errors/zod-validation.pipe.js';
import { type ListQuery, listQuerySchema, sendList } from '../common/rest/list-query.js';
import { ApiListQuery, ApiZodResponse } from '../openapi/api-zod.decorators.js';
import { Job, JOB_STATES } from './job.entity.js';
import { JobsStatsService } from './jobs-stats.service.js';
import { jobView, JobsService, type JobView } from './jobs.service.js';

const deadJobFilterSchema = z.object({
  /** ids, as react-admin's getMany asks for them */
  id: z.array(z.number().int()).max(500).optional(),
  kind: z.string().min(1).max(100).optional(),
});
type DeadJobFilter = z.output<typeof deadJobFilterSchema>;

const SORTABLE = ['id', 'kind', 'dueAt', 'finishedAt', 'attempts'] as const;
const deadJobListQuery = listQuerySchema({
  sortable: SORTABLE,
  defaultSort: { field: 'id', order: 'DESC' },
  filter: deadJobFilterSchema,
});

export const jobSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  key: z.string().nullable(),
  state: z.enum(JOB_STATES),
  dueAt: z.string(),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  /** The error of the last attempt (for a dead job: why it died). */
  lastError: z.string().nullable(),
  payload: z.unknown(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type JobResponse = z.output<typeof jobSchema>;

export const jobStatsSchema = z.object({
  counts: z.array(
    z.object({ kind: z.string(), state: z.enum(JOB_STATES), count: z.number().int() }),
  ),
  /** How long the tenant's oldest claimable job has waited past its due time; 0 when none. */
  oldestDueLagMs: z.number().int(),
});

function response(job: JobView): JobResponse {
  return {
    id: job.id,
    kind: job.kind,
    key: job.key,
    state: job.state,
    dueAt: job.dueAt.toISOString(),
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    lastError: job.lastError,
    payload: job.payload,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

const idParam = z.coerce.number().int().positive();

/** The tenant's background jobs: how many in which state, and the dead ones to inspect and retry. */
@ApiTags('jobs')
@ApiBearerAuth()
@Controller('api/jobs')
export class JobsController {
  constructor(
    private readonly em: EntityManager,
    private readonly jobs: JobsService,
    private readonly stats: JobsStatsService,
    private readonly audit: AuditService,
  ) {}

  @ApiOperation({
    summary: "Counts of the tenant's jobs per kind and state, and the oldest due job's lag",
  })
  @ApiZodResponse(200, jobStatsSchema)
  @Roles('admin', 'supervisor')
  @Get('stats')
  async jobStats(
    @CurrentPrincipal() principal: Principal,
  ): Promise<z.output<typeof jobStatsSchema>> {
    const stats = await this.stats.stats(principal.tenantId);
    return { counts: stats.counts, oldestDueLagMs: Math.round(stats.oldestDueLagMs) };
  }

  @ApiOperation({ summary: "The tenant's dead jobs (react-admin list conventions)" })
  @ApiListQuery({ sortable: SORTABLE, filter: deadJobFilterSchema })
  @ApiZodResponse(200, z.array(jobSchema))
  @Roles('admin', 'supervisor')
  @Get('dead-letters')
  async deadLetters(
    @ZodQuery(deadJobListQuery) query: ListQuery<DeadJobFilter>,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<readonly JobResponse[]> {
    const where: FilterQuery<Job> = { tenantId: principal.tenantId, state: 'dead' };
    if (query.filter.id !== undefined) where.id = { $in: query.filter.id };
    if (query.filter.kind !== undefined) where.kind = query.filter.kind;
    const orderBy: QueryOrderMap<Job>[] = [{ [query.sort.field]: query.sort.order }];
    if (query.sort.field !== 'id') orderBy.push({ id: query.sort.order });
    const [rows, total] = await this.em.fork().findAndCount(Job, where, {
      orderBy,
      offset: query.range.offset,
      limit: query.range.limit,
    });
    return sendList(
      reply,
      'dead-letters',
      query,
      rows.map((row) => response(jobView(row))),
      total,
    );
  }

  @ApiOperation({ summary: 'Run a dead job again now (attempts start over)' })
  @ApiParam({ name: 'id', type: Number })
  @ApiZodResponse(200, jobSchema, 'Scheduled again')
  @Roles('admin')
  @Post('dead-letters/:id/retry')
  @HttpCode(200)
  async retry(
    @Param('id') rawId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<JobResponse> {
    const id = idParam.safeParse(rawId);
    const notFound = new ApiError({
      status: 404,
      code: 'job_not_found',
      messageKey: 'jobs.job_not_found',
      params: { id: rawId },
    });
    if (!id.success) throw notFound;
    const outcome = await this.em.fork().transactional(async (em) => {
      const result = await this.jobs.retryDead(id.data, principal.tenantId, em);
      if ('job' in result) {
        await this.audit.record(
          {
            tenantId: principal.tenantId,
            actor: actorFromPrincipal(principal),
            action: 'jobs.dead_job_retried',
            target: { type: 'job', id: String(result.job.id) },
            before: { state: 'dead' },
            after: { state: result.job.state, attempts: 0 },
            details: { kind: result.job.kind, key: result.job.key },
          },
          em,
        );
      }
      return result;
    });
    if ('job' in outcome) return response(outcome.job);
    if (outcome.error === 'key_active') {
      throw new ApiError({
        status: 409,
        code: 'job_key_active',
        messageKey: 'jobs.job_key_active',
        params: { id: rawId, key: outcome.key },
      });
    }
    throw notFound;
  }
}
