import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { ZodBody, ZodQuery, ZodValidationPipe } from '../common/errors/zod-validation.pipe.js';
import { type ListQuery, sendList } from '../common/rest/list-query.js';
import {
  ApiListQuery,
  ApiZodBody,
  ApiZodQuery,
  ApiZodResponse,
} from '../openapi/api-zod.decorators.js';
import { documentChanges } from './settings-document.js';
import { callerLanguage, expectedVersion, settingsTag, versionTag } from './settings-http.js';
import {
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  type DiffQuery,
  type ExportResponse,
  type ImportQuery,
  type ImportResult,
  type PackageOverrideBody,
  type PatchSettingsBody,
  REVISION_SORTABLE,
  type RevisionFilter,
  type RevisionParams,
  diffQuery,
  exportResponseSchema,
  importQuery,
  importResultSchema,
  packageOverrideBody,
  packageSettingsSchema,
  patchSettingsBody,
  revisionDiffSchema,
  revisionFilter,
  revisionListQuery,
  revisionParams,
  revisionSchema,
  revisionSummarySchema,
  rollbackParams,
  settingsExportDocument,
  settingsOverviewSchema,
  settingsSchemaResponse,
  settingsWriteSchema,
} from './settings.schemas.js';
import { SettingsService, assertPackageId } from './settings.service.js';
import {
  type PackageSettings,
  type RevisionSummary,
  type SettingsOverview,
  type SettingsSchemaView,
  type SettingsWriteResponse,
  overviewOf,
  packageViewOf,
  revisionView,
  schemaViewOf,
  writeResponseOf,
} from './settings-views.js';

const ifMatchHeader = ApiHeader({
  name: 'If-Match',
  required: true,
  description: 'The settings version being edited, e.g. "3" (the ETag of GET /api/settings)',
});

// The whole params object is validated, so a refused value names its parameter (`number`).
const revisionNumber = new ZodValidationPipe(revisionParams);
const rollbackTarget = new ZodValidationPipe(rollbackParams);

/** The panel's settings API. Admins write; supervisors and viewers read. */
@ApiTags('settings')
@ApiBearerAuth()
@Controller('api/settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @ApiOperation({ summary: 'Stored and effective tenant settings with provenance (ETag: version)' })
  @ApiZodResponse(200, settingsOverviewSchema)
  @Roles('admin', 'supervisor', 'viewer')
  @Get()
  async read(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SettingsOverview> {
    const snapshot = await this.settings.snapshot(principal.tenantId);
    void reply.header('etag', settingsTag(snapshot));
    return overviewOf(snapshot);
  }

  @ApiOperation({ summary: 'Set (value) or clear (null) tenant-level settings' })
  @ifMatchHeader
  @ApiZodBody(patchSettingsBody)
  @ApiZodResponse(200, settingsWriteSchema)
  @Roles('admin')
  @Patch()
  async update(
    @CurrentPrincipal() principal: Principal,
    @Headers('if-match') ifMatch: string | undefined,
    @ZodBody(patchSettingsBody) body: PatchSettingsBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SettingsWriteResponse> {
    const result = await this.settings.updateTenant(
      principal,
      expectedVersion(ifMatch),
      body.values,
    );
    void reply.header('etag', settingsTag(result));
    return writeResponseOf(result);
  }

  @ApiOperation({ summary: 'The JSON Schema, UI hints and entitlement state of every setting' })
  @ApiZodResponse(200, settingsSchemaResponse)
  @Roles('admin', 'supervisor', 'viewer')
  @Get('schema')
  async schema(@CurrentPrincipal() principal: Principal): Promise<SettingsSchemaView> {
    const snapshot = await this.settings.snapshot(principal.tenantId);
    return schemaViewOf(snapshot.entitlements);
  }

  @ApiOperation({ summary: 'Effective settings of one package, with provenance' })
  @ApiZodResponse(200, packageSettingsSchema)
  @Roles('admin', 'supervisor', 'viewer')
  @Get('packages/:packageId')
  async readPackage(
    @CurrentPrincipal() principal: Principal,
    @Param('packageId') packageId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PackageSettings> {
    assertPackageId(packageId);
    const snapshot = await this.settings.snapshot(principal.tenantId);
    void reply.header('etag', settingsTag(snapshot));
    return packageViewOf(snapshot, packageId);
  }

  @ApiOperation({ summary: "Set a package's override of a package-scoped setting" })
  @ifMatchHeader
  @ApiZodBody(packageOverrideBody)
  @ApiZodResponse(200, settingsWriteSchema)
  @Roles('admin')
  @Put('packages/:packageId/:key')
  async setPackageOverride(
    @CurrentPrincipal() principal: Principal,
    @Param('packageId') packageId: string,
    @Param('key') key: string,
    @Headers('if-match') ifMatch: string | undefined,
    @ZodBody(packageOverrideBody) body: PackageOverrideBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SettingsWriteResponse> {
    const result = await this.settings.setPackageOverride(
      principal,
      expectedVersion(ifMatch),
      packageId,
      key,
      body.value,
    );
    void reply.header('etag', settingsTag(result));
    return writeResponseOf(result);
  }

  @ApiOperation({ summary: "Clear a package's override (it inherits the tenant value again)" })
  @ifMatchHeader
  @ApiZodResponse(200, settingsWriteSchema)
  @Roles('admin')
  @Delete('packages/:packageId/:key')
  async clearPackageOverride(
    @CurrentPrincipal() principal: Principal,
    @Param('packageId') packageId: string,
    @Param('key') key: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SettingsWriteResponse> {
    const result = await this.settings.clearPackageOverride(
      principal,
      expectedVersion(ifMatch),
      packageId,
      key,
    );
    void reply.header('etag', settingsTag(result));
    return writeResponseOf(result);
  }

  @ApiOperation({ summary: 'Settings revisions, newest first (react-admin list conventions)' })
  @ApiListQuery({ sortable: REVISION_SORTABLE, filter: revisionFilter })
  @ApiZodResponse(200, z.array(revisionSummarySchema))
  @Roles('admin', 'supervisor', 'viewer')
  @Get('revisions')
  async listRevisions(
    @CurrentPrincipal() principal: Principal,
    @ZodQuery(revisionListQuery) query: ListQuery<RevisionFilter>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<readonly RevisionSummary[]> {
    const { rows, total } = await this.settings.listRevisions(principal.tenantId, {
      filter: query.filter,
      orderBy: {
        field: query.sort.field === 'createdAt' ? 'createdAt' : 'number',
        order: query.sort.order,
      },
      offset: query.range.offset,
      limit: query.range.limit,
    });
    return sendList(reply, 'revisions', query, rows, total);
  }

  @ApiOperation({ summary: 'One revision with the full document it produced' })
  @ApiZodResponse(200, revisionSchema)
  @Roles('admin', 'supervisor', 'viewer')
  @Get('revisions/:number')
  async revision(
    @CurrentPrincipal() principal: Principal,
    @Param(revisionNumber) { number }: RevisionParams,
  ): Promise<z.output<typeof revisionSchema>> {
    const revision = await this.settings.revision(principal.tenantId, number);
    return { ...revisionView(revision), document: revision.document };
  }

  @ApiOperation({ summary: 'What changed between two revisions (default: against the previous)' })
  @ApiZodQuery(diffQuery)
  @ApiZodResponse(200, revisionDiffSchema)
  @Roles('admin', 'supervisor', 'viewer')
  @Get('revisions/:number/diff')
  async diff(
    @CurrentPrincipal() principal: Principal,
    @Param(revisionNumber) { number }: RevisionParams,
    @ZodQuery(diffQuery) query: DiffQuery,
  ): Promise<z.output<typeof revisionDiffSchema>> {
    const against = query.against ?? number - 1;
    const [from, to] = await Promise.all([
      this.settings.documentAt(principal.tenantId, against),
      this.settings.documentAt(principal.tenantId, number),
    ]);
    return { number, against, changes: documentChanges(from, to) };
  }

  @ApiOperation({
    summary: "Restore a revision's settings as a new revision (0: back to all defaults)",
  })
  @ifMatchHeader
  @ApiZodResponse(200, settingsWriteSchema)
  @Roles('admin')
  @Post('revisions/:number/rollback')
  @HttpCode(200)
  async rollback(
    @CurrentPrincipal() principal: Principal,
    @Param(rollbackTarget) { number }: RevisionParams,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SettingsWriteResponse> {
    const result = await this.settings.rollback(principal, expectedVersion(ifMatch), number);
    void reply.header('etag', settingsTag(result));
    return writeResponseOf(result);
  }

  @ApiOperation({ summary: "The tenant's settings as a file to import elsewhere" })
  @ApiZodResponse(200, exportResponseSchema)
  @Roles('admin', 'supervisor', 'viewer')
  @Get('export')
  async export(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ExportResponse> {
    const snapshot = await this.settings.snapshot(principal.tenantId);
    const fileName = `switchboard-settings-${principal.tenantId.replace(/[^\w.-]/g, '_')}-v${snapshot.version}.json`;
    void reply.header('content-disposition', `attachment; filename="${fileName}"`);
    void reply.header('etag', versionTag(snapshot.version));
    return {
      format: EXPORT_FORMAT,
      formatVersion: EXPORT_FORMAT_VERSION,
      exportedAt: new Date().toISOString(),
      tenantId: principal.tenantId,
      version: snapshot.version,
      settings: snapshot.document,
    };
  }

  @ApiOperation({
    summary:
      'Import an export document: ?dryRun=true validates and diffs only; otherwise one revision',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'Required unless dryRun=true' })
  @ApiZodQuery(importQuery)
  @ApiZodBody(settingsExportDocument)
  @ApiZodResponse(
    200,
    z.union([importResultSchema, settingsWriteSchema]),
    'With dryRun=true: the check (valid, errors, changes), nothing written. Otherwise: the ' +
      'settings after the import, as every write answers (ETag: the new version)',
  )
  @Roles('admin')
  @Post('import')
  @HttpCode(200)
  async import(
    @CurrentPrincipal() principal: Principal,
    @ZodQuery(importQuery) query: ImportQuery,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('accept-language') acceptLanguage: string | undefined,
    // Parsed by the service rather than by @ZodBody: a dry run reports envelope errors in its
    // answer.
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportResult | SettingsWriteResponse> {
    if (query.dryRun === 'true') {
      const language = callerLanguage(acceptLanguage, principal.locale);
      return this.settings.dryRunImport(principal.tenantId, body, language);
    }
    const result = await this.settings.importDocument(principal, expectedVersion(ifMatch), body);
    void reply.header('etag', settingsTag(result));
    return writeResponseOf(result);
  }
}
