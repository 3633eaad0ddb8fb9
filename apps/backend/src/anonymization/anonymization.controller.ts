import { Readable } from 'node:stream';
import { Controller, Get, HttpCode, Param, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { validate } from '@switchboard/settings-model';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { actorFromPrincipal } from '../audit/audit.service.js';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { ApiError } from '../common/errors/api-error.js';
import { ZodBody, ZodQuery, ZodValidationPipe } from '../common/errors/zod-validation.pipe.js';
import { type ListQuery, sendList } from '../common/rest/list-query.js';
import {
  ApiListQuery,
  ApiZodBody,
  ApiZodQuery,
  ApiZodResponse,
} from '../openapi/api-zod.decorators.js';
import { toFieldProblem } from '../settings/settings-errors.js';
import { type AnonymizationSetting, ruleOf } from './anonymization-rule.js';
import { AnonymizationReports } from './anonymization-reports.service.js';
import { AnonymizationRunner } from './anonymization-runner.service.js';
import { AnonymizationRuns } from './anonymization-runs.service.js';
import {
  backfillParams,
  type BackfillParams,
  backfillSchema,
  type BackfillView,
  type DryRunBody,
  dryRunBody,
  type DryRunResponse,
  dryRunResponse,
  type ItemFilter,
  itemFilterSchema,
  itemListQuery,
  itemSchema,
  type ItemView,
  ledgerEntrySchema,
  type LedgerEntryView,
  type LedgerExportQuery,
  ledgerExportQuery,
  type LedgerFilter,
  ledgerFilterSchema,
  ledgerListQuery,
  type RunFilter,
  runFilterSchema,
  runListQuery,
  type RunParams,
  runParams,
  runSchema,
  RUN_SORTABLE,
  type RunView,
  type SessionParams,
  sessionParams,
  sessionProofSchema,
  type SessionProof,
  type StartBackfillBody,
  startBackfillBody,
  statusSchema,
  type StatusView,
} from './anonymization.schemas.js';
import { AnonymizationStatus } from './anonymization-status.service.js';
import { backfillView } from './anonymization-views.js';
import { BackfillService } from './backfill.service.js';
import { DryRunService } from './dry-run.service.js';

// Whole params objects are validated, so a refused value names its parameter.
const runIdParam = new ZodValidationPipe(runParams);
const sessionIdParam = new ZodValidationPipe(sessionParams);

const csvFile = (lines: AsyncGenerator<string>, name: string): StreamableFile =>
  new StreamableFile(Readable.from(lines, { objectMode: false }), {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${name}-${new Date().toISOString().slice(0, 10)}.csv"`,
  });

/**
 * Setting 4 in the panel: the dry run of a proposed rule, runs with their progress, the ledger
 * (per session and category) and its CSV exports, the index and its backfill. Admins start and
 * cancel; supervisors and viewers read (supervisors may also ask for a dry run).
 */
@ApiTags('anonymization')
@ApiBearerAuth()
@Controller('api/anonymization')
export class AnonymizationController {
  constructor(
    private readonly runs: AnonymizationRuns,
    private readonly runner: AnonymizationRunner,
    private readonly status: AnonymizationStatus,
    private readonly reports: AnonymizationReports,
    private readonly dryRuns: DryRunService,
    private readonly backfills: BackfillService,
  ) {}

  @ApiOperation({
    summary: 'What a proposed rule would anonymize now: count, legal holds and a sample',
    description:
      'Validates `rule` as the value of general.autoAnonymization (422 with paths rule.…) and touches nothing.',
  })
  @ApiZodBody(dryRunBody)
  @ApiZodResponse(200, dryRunResponse)
  @Roles('admin', 'supervisor')
  @Post('dry-run')
  @HttpCode(200)
  async dryRun(
    @ZodBody(dryRunBody) body: DryRunBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DryRunResponse> {
    const checked = validate({ 'general.autoAnonymization': body.rule });
    if (!checked.ok) {
      throw ApiError.validation(
        checked.errors.map((error) => ({
          ...toFieldProblem(error),
          path: error.path.replace(/^general\.autoAnonymization/, 'rule'),
        })),
      );
    }
    const rule = ruleOf(checked.value['general.autoAnonymization'] as AnonymizationSetting);
    if (rule === null) {
      const status = await this.status.indexStats(principal.tenantId);
      return {
        enabled: false,
        cutoff: null,
        count: 0,
        byChannel: {},
        exempted: 0,
        unresolved: 0,
        sample: [],
        index: status,
        lastBackfill: null,
      };
    }
    return { enabled: true, ...(await this.dryRuns.dryRun(principal.tenantId, rule)) };
  }

  @ApiOperation({
    summary: 'The saved rule, the running and the last run, the index and backfills',
  })
  @ApiZodResponse(200, statusSchema)
  @Roles('admin', 'supervisor', 'viewer')
  @Get('status')
  read(@CurrentPrincipal() principal: Principal): Promise<StatusView> {
    return this.status.overview(principal.tenantId);
  }

  @ApiOperation({ summary: "The tenant's runs with progress (react-admin list conventions)" })
  @ApiListQuery({ sortable: RUN_SORTABLE, filter: runFilterSchema })
  @ApiZodResponse(200, z.array(runSchema))
  @Roles('admin', 'supervisor', 'viewer')
  @Get('runs')
  async listRuns(
    @ZodQuery(runListQuery) query: ListQuery<RunFilter>,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<readonly RunView[]> {
    const { rows, total } = await this.status.listRuns(principal.tenantId, query);
    return sendList(reply, 'anonymization-runs', query, rows, total);
  }

  @ApiOperation({
    summary: 'Start a run now with the saved rule (no window limit)',
    description: '409 anonymization_off without a rule, run_in_progress while one runs.',
  })
  @ApiZodResponse(202, runSchema)
  @Roles('admin')
  @Post('runs')
  @HttpCode(202)
  async startRun(@CurrentPrincipal() principal: Principal): Promise<RunView> {
    const { run } = await this.runs.start({
      tenantId: principal.tenantId,
      trigger: 'manual',
      actor: actorFromPrincipal(principal),
      queue: (id, em) => this.runner.queueRun(principal.tenantId, id, em),
    });
    return this.status.run(principal.tenantId, run.id);
  }

  @ApiOperation({ summary: 'One run with its live progress' })
  @ApiZodResponse(200, runSchema)
  @Roles('admin', 'supervisor', 'viewer')
  @Get('runs/:id')
  getRun(
    @Param(runIdParam) { id }: RunParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RunView> {
    return this.status.run(principal.tenantId, id);
  }

  @ApiOperation({ summary: 'Stop a running run; sessions not reached wait for the next run' })
  @ApiZodResponse(200, runSchema)
  @Roles('admin')
  @Post('runs/:id/cancel')
  @HttpCode(200)
  async cancelRun(
    @Param(runIdParam) { id }: RunParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RunView> {
    await this.runs.cancel(principal.tenantId, id, actorFromPrincipal(principal));
    return this.status.run(principal.tenantId, id);
  }

  @ApiOperation({ summary: "A run's sessions and what became of each" })
  @ApiListQuery({ sortable: ['seq', 'status', 'finishedAt'], filter: itemFilterSchema })
  @ApiZodResponse(200, z.array(itemSchema))
  @Roles('admin', 'supervisor', 'viewer')
  @Get('runs/:id/items')
  async listItems(
    @Param(runIdParam) { id }: RunParams,
    @ZodQuery(itemListQuery) query: ListQuery<ItemFilter>,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<readonly ItemView[]> {
    await this.runs.require(principal.tenantId, id);
    const { rows, total } = await this.reports.items(principal.tenantId, id, query);
    return sendList(reply, 'anonymization-items', query, rows, total);
  }

  @ApiOperation({
    summary: "A run's sessions × categories as CSV (for the data-protection officer)",
  })
  @ApiProduces('text/csv')
  @ApiZodResponse(200, undefined, 'CSV, one header row')
  @Roles('admin', 'supervisor', 'viewer')
  @Get('runs/:id/ledger.csv')
  async runCsv(
    @Param(runIdParam) { id }: RunParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<StreamableFile> {
    await this.runs.require(principal.tenantId, id);
    return csvFile(this.reports.runCsv(principal.tenantId, id), `anonymization-run-${id}`);
  }

  @ApiOperation({ summary: 'The ledger: one row per session and category (react-admin list)' })
  @ApiListQuery({ sortable: ['id', 'updatedAt', 'sessionId'], filter: ledgerFilterSchema })
  @ApiZodResponse(200, z.array(ledgerEntrySchema))
  @Roles('admin', 'supervisor', 'viewer')
  @Get('ledger')
  async listLedger(
    @ZodQuery(ledgerListQuery) query: ListQuery<LedgerFilter>,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<readonly LedgerEntryView[]> {
    const { rows, total } = await this.reports.ledger(principal.tenantId, query);
    return sendList(reply, 'anonymization-ledger', query, rows, total);
  }

  @ApiOperation({ summary: 'The ledger rows matching the filter as CSV, oldest first' })
  @ApiZodQuery(z.object({ filter: z.string().optional() }))
  @ApiProduces('text/csv')
  @ApiZodResponse(200, undefined, 'CSV, one header row')
  @Roles('admin', 'supervisor', 'viewer')
  @Get('ledger.csv')
  ledgerCsv(
    @ZodQuery(ledgerExportQuery) query: LedgerExportQuery,
    @CurrentPrincipal() principal: Principal,
  ): StreamableFile {
    return csvFile(
      this.reports.ledgerCsv(principal.tenantId, query.filter ?? {}),
      'anonymization-ledger',
    );
  }

  @ApiOperation({ summary: 'The proof for one session: index, ledger per category, runs' })
  @ApiZodResponse(200, sessionProofSchema)
  @Roles('admin', 'supervisor', 'viewer')
  @Get('sessions/:sessionId')
  async session(
    @Param(sessionIdParam) params: SessionParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SessionProof> {
    const proof = await this.reports.session(principal.tenantId, params.sessionId);
    if (proof === null) throw ApiError.notFound();
    return proof;
  }

  @ApiOperation({
    summary: "Fill the index from the host's session list (optionally one range of end times)",
  })
  @ApiZodBody(startBackfillBody)
  @ApiZodResponse(202, backfillSchema)
  @Roles('admin')
  @Post('backfills')
  @HttpCode(202)
  async startBackfill(
    @ZodBody(startBackfillBody) body: StartBackfillBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<BackfillView> {
    const backfill = await this.backfills.start({
      tenantId: principal.tenantId,
      trigger: 'manual',
      actor: actorFromPrincipal(principal),
      endedAfter: body.endedAfter === undefined ? null : new Date(body.endedAfter),
      endedBefore: body.endedBefore === undefined ? null : new Date(body.endedBefore),
      queue: (id, em) => this.runner.queueBackfill(principal.tenantId, id, em),
    });
    return backfillView(backfill);
  }

  @ApiOperation({ summary: 'One backfill and how far it got' })
  @ApiZodResponse(200, backfillSchema)
  @Roles('admin', 'supervisor', 'viewer')
  @Get('backfills/:id')
  async getBackfill(
    @Param(new ZodValidationPipe(backfillParams)) { id }: BackfillParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<BackfillView> {
    return backfillView(await this.backfills.require(principal.tenantId, id));
  }
}
