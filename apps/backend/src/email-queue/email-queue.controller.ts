import { Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { ApiError } from '../common/errors/api-error.js';
import { ZodQuery } from '../common/errors/zod-validation.pipe.js';
import { type ListQuery, sendList } from '../common/rest/list-query.js';
import { ApiListQuery, ApiZodResponse } from '../openapi/api-zod.decorators.js';
import { EmailAssignmentService, type TakenThread } from './email-assignment.service.js';
import { EmailQueueService } from './email-queue.service.js';
import {
  QUEUE_SORTABLE,
  type QueuedThread,
  queueListQuery,
  queuedThreadSchema,
  takenThreadSchema,
} from './email-queue.schemas.js';

/** The host user id of an operator principal (the JWT subject). */
function operatorUserId(principal: Principal): number {
  const id = Number(principal.userId);
  if (!Number.isInteger(id) || id < 1 || id > 2_147_483_647) {
    throw new ApiError({
      status: 403,
      code: 'not_a_host_operator',
      messageKey: 'email_queue.not_a_host_operator',
    });
  }
  return id;
}

/** Setting 15 for people: the ordered e-mail queue, and taking the next thread. */
@ApiTags('email-queue')
@ApiBearerAuth()
@Controller('api/email-queue')
export class EmailQueueController {
  constructor(
    private readonly queue: EmailQueueService,
    private readonly assignment: EmailAssignmentService,
  ) {}

  @ApiOperation({
    summary: 'Queued e-mail threads in the order the next claim takes them (react-admin list)',
  })
  @ApiListQuery({ sortable: QUEUE_SORTABLE })
  @ApiZodResponse(200, z.array(queuedThreadSchema))
  @Roles('admin', 'supervisor', 'viewer', 'operator')
  @Get()
  async list(
    @ZodQuery(queueListQuery) query: ListQuery<Record<string, never>>,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<readonly QueuedThread[]> {
    const reverse = query.sort.order === 'DESC';
    const { rows, total, order } = await this.queue.list(principal.tenantId, query.range, reverse);
    const positions = rows.map((row, index) => ({
      id: row.threadId,
      ...row,
      position: reverse ? total - query.range.offset - index : query.range.offset + index + 1,
      order,
    }));
    return sendList(reply, 'email-queue', query, positions, total);
  }

  @ApiOperation({
    summary: 'Take the next e-mail: claim it and assign it to the calling operator on the host',
  })
  @ApiZodResponse(200, takenThreadSchema)
  @Roles('operator')
  @HttpCode(200)
  @Post('next')
  takeNext(@CurrentPrincipal() principal: Principal): Promise<TakenThread> {
    return this.assignment.takeNext(principal.tenantId, operatorUserId(principal));
  }
}
