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
import { InboxProcessor } from './inbox-processor.service.js';
import { InboxMessage } from './inbox-message.entity.js';

const deadLetterFilterSchema = z.object({
  /** ids, as react-admin's getMany asks for them */
  id: z.array(z.number().int()).max(500).optional(),
  eventType: z.string().min(1).max(100).optional(),
});
type DeadLetterFilter = z.output<typeof deadLetterFilterSchema>;

const SORTABLE = ['id', 'receivedAt', 'eventType', 'attempts'] as const;
const deadLetterListQuery = listQuerySchema({
  sortable: SORTABLE,
  defaultSort: { field: 'id', order: 'DESC' },
  filter: deadLetterFilterSchema,
});

export const deadLetterSchema = z.object({
  id: z.number().int(),
  eventType: z.string(),
  dedupeKey: z.string(),
  receivedAt: z.string(),
  state: z.string(),
  attempts: z.number().int(),
  /** Why it is dead: `unknown_event`, `invalid_payload: …`, or the last processing error. */
  lastError: z.string().nullable(),
  payload: z.unknown(),
});
export type DeadLetterView = z.output<typeof deadLetterSchema>;

function view(row: InboxMessage): DeadLetterView {
  return {
    id: row.id,
    eventType: row.eventType,
    dedupeKey: row.dedupeKey,
    receivedAt: row.receivedAt.toISOString(),
    state: row.state,
    attempts: row.attempts,
    lastError: row.lastError,
    payload: row.payload,
  };
}

const idParam = z.coerce.number().int().positive();

/** Deliveries that could not be processed, for admins to inspect and send through again. */
@ApiTags('host')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/inbox/dead-letters')
export class DeadLettersController {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly processor: InboxProcessor,
  ) {}

  @ApiOperation({ summary: "The tenant's dead letters (react-admin list conventions)" })
  @ApiListQuery({ sortable: SORTABLE, filter: deadLetterFilterSchema })
  @ApiZodResponse(200, z.array(deadLetterSchema))
  @Get()
  async list(
    @ZodQuery(deadLetterListQuery) query: ListQuery<DeadLetterFilter>,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<readonly DeadLetterView[]> {
    const where: FilterQuery<InboxMessage> = { tenant: principal.tenantId, state: 'dead' };
    if (query.filter.id !== undefined) where.id = { $in: query.filter.id };
    if (query.filter.eventType !== undefined) where.eventType = query.filter.eventType;
    const orderBy: QueryOrderMap<InboxMessage>[] = [{ [query.sort.field]: query.sort.order }];
    if (query.sort.field !== 'id') orderBy.push({ id: query.sort.order });
    const [rows, total] = await this.em.fork().findAndCount(InboxMessage, where, {
      orderBy,
      offset: query.range.offset,
      limit: query.range.limit,
    });
    return sendList(reply, 'dead-letters', query, rows.map(view), total);
  }

  @ApiOperation({ summary: 'Send a dead letter through processing again (attempts start over)' })
  @ApiParam({ name: 'id', type: Number })
  @ApiZodResponse(200, deadLetterSchema, 'Queued again')
  @Post(':id/retry')
  @HttpCode(200)
  async retry(
    @Param('id') rawId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DeadLetterView> {
    const id = idParam.safeParse(rawId);
    const notFound = new ApiError({
      status: 404,
      code: 'dead_letter_not_found',
      messageKey: 'host.dead_letter_not_found',
      params: { id: rawId },
    });
    if (!id.success) throw notFound;
    const row = await this.em.fork().transactional(async (em) => {
      const found = await em.findOne(InboxMessage, {
        id: id.data,
        tenant: principal.tenantId,
        state: 'dead',
      });
      if (found === null) return null;
      const before = { state: found.state, attempts: found.attempts, lastError: found.lastError };
      found.state = 'pending';
      found.attempts = 0;
      found.availableAt = new Date();
      await this.audit.record(
        {
          tenantId: principal.tenantId,
          actor: actorFromPrincipal(principal),
          action: 'inbox.dead_letter_retried',
          target: { type: 'inbox_message', id: String(found.id) },
          before,
          after: { state: 'pending', attempts: 0 },
          details: { eventType: found.eventType, dedupeKey: found.dedupeKey },
        },
        em,
      );
      return found;
    });
    if (row === null) throw notFound;
    this.processor.wake();
    return view(row);
  }
}
