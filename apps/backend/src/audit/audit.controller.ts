import { Readable } from 'node:stream';
import { Controller, Get, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { ZodQuery } from '../common/errors/zod-validation.pipe.js';
import { type ListQuery, sendList } from '../common/rest/list-query.js';
import { ApiListQuery, ApiZodQuery, ApiZodResponse } from '../openapi/api-zod.decorators.js';
import {
  AUDIT_SORTABLE,
  type AuditEntryView,
  type AuditExportQuery,
  type AuditFilter,
  auditEntrySchema,
  auditExportQuery,
  auditFilterSchema,
  auditListQuery,
} from './audit.schemas.js';
import { AuditService } from './audit.service.js';

@ApiTags('audit')
@ApiBearerAuth()
@Roles('admin', 'supervisor', 'viewer')
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @ApiOperation({ summary: "The tenant's audit log (react-admin list conventions)" })
  @ApiListQuery({ sortable: AUDIT_SORTABLE, filter: auditFilterSchema })
  @ApiZodResponse(200, z.array(auditEntrySchema))
  @Get()
  async list(
    @ZodQuery(auditListQuery) query: ListQuery<AuditFilter>,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<readonly AuditEntryView[]> {
    const { rows, total } = await this.audit.list(principal.tenantId, query);
    return sendList(reply, 'audit', query, rows, total);
  }

  @ApiOperation({ summary: 'The same entries as CSV (UTF-8 with BOM, oldest first)' })
  @ApiZodQuery(z.object({ filter: z.string().optional() }))
  @ApiProduces('text/csv')
  @ApiZodResponse(200, undefined, 'CSV, one header row')
  @Get('export.csv')
  export(
    @ZodQuery(auditExportQuery) query: AuditExportQuery,
    @CurrentPrincipal() principal: Principal,
  ): StreamableFile {
    const lines = this.audit.exportCsv(principal.tenantId, query.filter ?? {});
    const date = new Date().toISOString().slice(0, 10);
    return new StreamableFile(Readable.from(lines, { objectMode: false }), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="audit-${date}.csv"`,
    });
  }
}
