import { Controller, Get, HttpCode, Options, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/auth.decorators.js';
import { ZodQuery } from '../common/errors/zod-validation.pipe.js';
import { ApiZodQuery, ApiZodResponse } from '../openapi/api-zod.decorators.js';
import {
  type ClientHistory,
  clientHistorySchema,
  type HistoryQuery,
  historyQuery,
} from './client-history.schemas.js';
import { ClientHistoryService } from './client-history.service.js';
import { widgetPrincipalOf, WidgetTokenGuard } from './widget-token.guard.js';

/**
 * The widget runs on the tenant's own web pages, so it calls cross-origin. It authenticates with a
 * bearer token, never cookies, so any origin may read the answer: the token is the access control.
 */
function allowCrossOrigin(reply: FastifyReply): void {
  void reply
    .header('access-control-allow-origin', '*')
    .header('access-control-allow-methods', 'GET, OPTIONS')
    .header('access-control-allow-headers', 'authorization, accept-language')
    .header('access-control-max-age', '600');
}

/** What the chat widget in a client's browser calls, with the widget token the host issued. */
@ApiTags('widget')
@Controller('widget/history')
export class ClientHistoryController {
  constructor(private readonly history: ClientHistoryService) {}

  @ApiOperation({
    summary: "The device's past conversations, newest first (setting 13)",
    description:
      'Authorization: Bearer <widget token> (HS256 by the host, typ widget+jwt, sub = tracking id). ' +
      'With history off for the widget package: `{ enabled: false, reason: "history_disabled" }`.',
  })
  @ApiBearerAuth()
  @ApiZodQuery(historyQuery)
  @ApiZodResponse(200, clientHistorySchema)
  // Public for the panel's guard: the widget token guard below authenticates instead.
  @Public()
  @UseGuards(WidgetTokenGuard)
  @Get()
  async list(
    @Req() request: FastifyRequest,
    @ZodQuery(historyQuery) query: HistoryQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ClientHistory> {
    allowCrossOrigin(reply);
    return this.history.list(widgetPrincipalOf(request), query);
  }

  @ApiOperation({ summary: 'CORS preflight of the widget history' })
  // Public: a browser's preflight carries no credentials and reveals nothing.
  @Public()
  @Options()
  @HttpCode(204)
  preflight(@Res({ passthrough: true }) reply: FastifyReply): void {
    allowCrossOrigin(reply);
  }
}
