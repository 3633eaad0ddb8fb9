import { Readable } from 'node:stream';
import { EntityManager, type FilterQuery, type QueryOrderMap } from '@mikro-orm/core';
import { Controller, Get, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { ZodQuery } from '../common/errors/zod-validation.pipe.js';
import { InjectEnv } from '../config/config.module.js';
import { databaseDialect, type DatabaseDialect, type Env } from '../config/env.js';
import {
  jsonQueryParameter,
  type ListQuery,
  listQuerySchema,
  sendList,
} from '../common/rest/list-query.js';
import { ApiListQuery, ApiZodQuery, ApiZodResponse } from '../openapi/api-zod.decorators.js';
import { AUDIT_ACTOR_TYPES, AUDIT_OUTCOMES, AuditEntry } from './audit-entry.entity.js';
import { csvRow, UTF8_BOM } from './csv.js';

const isoDateTime = z.iso.datetime({ offset: true });

export const auditFilterSchema = z.object({
  /** ids, as react-admin's getMany asks for them */
  id: z.array(z.number().int()).max(500).optional(),
  /** exact action, or every action under a prefix when it ends with a dot ('settings.') */
  action: z
    .string()
    .regex(/^[\w.-]{1,100}$/)
    .optional(),
  actorId: z.string().min(1).max(200).optional(),
  actorType: z.enum(AUDIT_ACTOR_TYPES).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  targetType: z.string().min(1).max(100).optional(),
  targetId: z.string().min(1).max(200).optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  /** free text in the action, the actor and the target */
  q: z.string().min(1).max(200).optional(),
});
export type AuditFilter = z.output<typeof auditFilterSchema>;

const SORTABLE = ['id', 'occurredAt', 'action', 'actorId', 'outcome', 'targetType'] as const;
const auditListQuery = listQuerySchema({
  sortable: SORTABLE,
  defaultSort: { field: 'occurredAt', order: 'DESC' },
  filter: auditFilterSchema,
});
const auditExportQuery = z.object({ filter: jsonQueryParameter(auditFilterSchema) });

export const auditEntrySchema = z.object({
  id: z.number().int(),
  occurredAt: z.string(),
  actorType: z.enum(AUDIT_ACTOR_TYPES),
  actorId: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  outcome: z.enum(AUDIT_OUTCOMES),
  details: z.record(z.string(), z.unknown()).nullable(),
  requestId: z.string().nullable(),
});
export type AuditEntryView = z.output<typeof auditEntrySchema>;

const CSV_COLUMNS = [
  'id',
  'occurredAt',
  'actorType',
  'actorId',
  'actorName',
  'action',
  'targetType',
  'targetId',
  'outcome',
  'before',
  'after',
  'details',
  'requestId',
] as const satisfies readonly (keyof AuditEntryView)[];

const EXPORT_BATCH = 500;

function view(entry: AuditEntry): AuditEntryView {
  return {
    id: entry.id,
    occurredAt: entry.occurredAt.toISOString(),
    actorType: entry.actorType,
    actorId: entry.actorId,
    actorName: entry.actorName,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    before: entry.before,
    after: entry.after,
    outcome: entry.outcome,
    details: entry.details,
    requestId: entry.requestId,
  };
}

/**
 * Every condition is under the caller's tenant: nothing here can reach another tenant's rows.
 * Free text is matched case-insensitively: SQLite's LIKE already is, PostgreSQL needs ILIKE.
 */
function where(
  tenantId: string,
  filter: AuditFilter,
  dialect: DatabaseDialect,
): FilterQuery<AuditEntry> {
  const conditions: FilterQuery<AuditEntry>[] = [{ tenantId }];
  if (filter.id !== undefined) conditions.push({ id: { $in: filter.id } });
  if (filter.action !== undefined) {
    conditions.push(
      filter.action.endsWith('.')
        ? { action: { $like: `${filter.action}%` } }
        : { action: filter.action },
    );
  }
  if (filter.actorId !== undefined) conditions.push({ actorId: filter.actorId });
  if (filter.actorType !== undefined) conditions.push({ actorType: filter.actorType });
  if (filter.outcome !== undefined) conditions.push({ outcome: filter.outcome });
  if (filter.targetType !== undefined) conditions.push({ targetType: filter.targetType });
  if (filter.targetId !== undefined) conditions.push({ targetId: filter.targetId });
  if (filter.from !== undefined) conditions.push({ occurredAt: { $gte: new Date(filter.from) } });
  if (filter.to !== undefined) conditions.push({ occurredAt: { $lte: new Date(filter.to) } });
  if (filter.q !== undefined) {
    const pattern = `%${filter.q}%`;
    const match = dialect === 'postgresql' ? { $ilike: pattern } : { $like: pattern };
    conditions.push({
      $or: (['action', 'actorId', 'actorName', 'targetId'] as const).map((column) => ({
        [column]: match,
      })),
    });
  }
  return { $and: conditions };
}

@ApiTags('audit')
@ApiBearerAuth()
@Roles('admin', 'supervisor', 'viewer')
@Controller('api/audit')
export class AuditController {
  private readonly dialect: DatabaseDialect;

  constructor(
    private readonly em: EntityManager,
    @InjectEnv() env: Env,
  ) {
    this.dialect = databaseDialect(env);
  }

  @ApiOperation({ summary: "The tenant's audit log (react-admin list conventions)" })
  @ApiListQuery({ sortable: SORTABLE, filter: auditFilterSchema })
  @ApiZodResponse(200, z.array(auditEntrySchema))
  @Get()
  async list(
    @ZodQuery(auditListQuery) query: ListQuery<AuditFilter>,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<readonly AuditEntryView[]> {
    const orderBy: QueryOrderMap<AuditEntry>[] = [{ [query.sort.field]: query.sort.order }];
    if (query.sort.field !== 'id') orderBy.push({ id: query.sort.order });
    const [rows, total] = await this.em
      .fork()
      .findAndCount(AuditEntry, where(principal.tenantId, query.filter, this.dialect), {
        orderBy,
        offset: query.range.offset,
        limit: query.range.limit,
      });
    return sendList(reply, 'audit', query, rows.map(view), total);
  }

  @ApiOperation({ summary: 'The same entries as CSV (UTF-8 with BOM, oldest first)' })
  @ApiZodQuery(z.object({ filter: z.string().optional() }))
  @ApiProduces('text/csv')
  @ApiZodResponse(200, undefined, 'CSV, one header row')
  @Get('export.csv')
  export(
    @ZodQuery(auditExportQuery) query: z.output<typeof auditExportQuery>,
    @CurrentPrincipal() principal: Principal,
  ): StreamableFile {
    const em = this.em.fork();
    const filter = where(principal.tenantId, query.filter ?? {}, this.dialect);
    async function* lines(): AsyncGenerator<string> {
      yield UTF8_BOM + csvRow(CSV_COLUMNS);
      // Keyset pagination on id keeps memory flat and is stable while new entries arrive.
      let after = 0;
      for (;;) {
        const batch = await em.find(
          AuditEntry,
          { $and: [filter, { id: { $gt: after } }] },
          { orderBy: { id: 'ASC' }, limit: EXPORT_BATCH },
        );
        for (const entry of batch) {
          const row = view(entry);
          yield csvRow(CSV_COLUMNS.map((column) => row[column]));
        }
        em.clear();
        const last = batch.at(-1);
        if (last === undefined || batch.length < EXPORT_BATCH) return;
        after = last.id;
      }
    }
    const date = new Date().toISOString().slice(0, 10);
    return new StreamableFile(Readable.from(lines(), { objectMode: false }), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="audit-${date}.csv"`,
    });
  }
}
