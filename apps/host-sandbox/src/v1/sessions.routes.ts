import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { anonymizeSession, deleteFiles } from '../actions/session-data.actions.js';
import { endSession, setCallParams } from '../actions/session-flow.actions.js';
import { findSession } from '../actions/lookup.js';
import { notFound } from '../common/http-error.js';
import { parseWith } from '../common/parse-body.js';
import type { SandboxContext } from '../sandbox-context.js';
import type { Session } from '../state/session.model.js';
import { QueryFilters } from './query-filters.js';
import { sessionView } from './session.view.js';

const idParams = z.object({ id: z.coerce.number().int() });
const fileParams = idParams.extend({ fileId: z.coerce.number().int() });
const tagParams = idParams.extend({ tagId: z.coerce.number().int() });

function matches(f: QueryFilters, s: Session, tagNames: (id: number) => string): boolean {
  const g = s.guest;
  const text = f.one('ActivityTextsContain')?.toLowerCase();
  const tags = f.list('Tags').map((t) => t.toLowerCase());
  const tracked = [...f.list('GuestIdentifications'), ...f.list('TrackedId')];
  return (
    f.idIncludes('SessionId', s.id) &&
    f.idIncludes('DepartmentId', s.tenantId) &&
    f.idIncludes('PackageId', s.packageId) &&
    f.enumIncludes('Status', s.status) &&
    f.enumIncludes('Channel', s.channel) &&
    f.enumIncludes('Source', s.source) &&
    f.enumIncludes('OS', g.os) &&
    f.enumIncludes('Browser', g.browser) &&
    f.enumIncludes('Language', g.language) &&
    f.enumIncludes('TerminationReason', s.terminationReason) &&
    f.enumIncludes('GuestLeftSession', s.guestLeftSession) &&
    f.inRange('Created', s.created) &&
    f.inRange('GuestJoined', s.guestJoined) &&
    f.inRange('Accepted', s.started) &&
    f.inRange('Ended', s.ended) &&
    f.inRange('Anonymized', s.anonymized) &&
    (f.numbers('OperatorUserId').length === 0 ||
      s.operators.some((o) => f.numbers('OperatorUserId').includes(o.userId))) &&
    (f.list('ClientId').length === 0 ||
      (g.identity !== null && f.list('ClientId').includes(g.identity))) &&
    (f.list('ChannelIdentityId').length === 0 ||
      (g.channelIdentity !== null && f.list('ChannelIdentityId').includes(g.channelIdentity))) &&
    (tracked.length === 0 || (g.trackedId !== null && tracked.includes(g.trackedId))) &&
    (f.list('IPAddress').length === 0 ||
      (g.ipAddress !== null && f.list('IPAddress').includes(g.ipAddress))) &&
    (f.list('PhoneCallbackNumber').length === 0 ||
      (s.phoneCallbackNumber !== null &&
        f.list('PhoneCallbackNumber').includes(s.phoneCallbackNumber))) &&
    (tags.length === 0 ||
      s.tagIds.some((id) => tags.includes(tagNames(id)) || tags.includes(String(id)))) &&
    (text === undefined || s.activities.some((a) => a.text?.toLowerCase().includes(text) ?? false))
  );
}

/** `/api/v1/Sessions…`: list with filters, one session, params, tags, files, anonymize, end. */
export function registerSessionRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const view = (session: Session): Record<string, unknown> =>
    sessionView(ctx.store.state, session, ctx.publicApiUrl(), !ctx.store.state.settings.v1Only);

  app.get('/Sessions', (request) => {
    const f = new QueryFilters(request.query);
    const s = ctx.store.state;
    const tagName = (id: number): string =>
      s.tags.find((t) => t.id === id)?.name.toLowerCase() ?? '';
    // A lookup by id (a plugin re-reading a batch of sessions) need not walk every session.
    const ids = new Set(f.numbers('SessionId'));
    const candidates = ids.size === 0 ? s.sessions : s.sessions.filter((x) => ids.has(x.id));
    const found = candidates.filter(
      (x) => x.tenantId === request.tenantId && matches(f, x, tagName),
    );
    return f.page(found).map(view);
  });

  app.get('/Sessions/:id', (request) => {
    const { id } = parseWith(idParams, request.params);
    return view(findSession(ctx.store.state, id, request.tenantId));
  });

  app.get('/Sessions/:id/activities', (request) => {
    const { id } = parseWith(idParams, request.params);
    return view(findSession(ctx.store.state, id, request.tenantId)).activities;
  });

  app.get('/Sessions/:id/files', (request) => {
    const { id } = parseWith(idParams, request.params);
    const session = findSession(ctx.store.state, id, request.tenantId);
    return session.files.map((file) => ({
      id: file.id,
      name: file.name,
      contentType: file.contentType,
      size: file.size,
      uploadedBy: file.uploadedBy,
      userId: file.userId,
      uploaded: file.uploaded,
      isDeleted: file.isDeleted,
      downloadUrl: `${ctx.publicApiUrl()}/Sessions/${session.id}/files/${file.id}/download`,
    }));
  });

  app.get('/Sessions/:id/files/:fileId/download', (request, reply) => {
    const { id, fileId } = parseWith(fileParams, request.params);
    const file = findSession(ctx.store.state, id, request.tenantId).files.find(
      (x) => x.id === fileId,
    );
    if (!file || file.isDeleted || file.inaccessible) throw notFound(`File ${fileId}`);
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${encodeURIComponent(file.name)}"`)
      .send(Buffer.from(`sandbox file ${file.id}: ${file.name}\n`));
  });

  app.get('/Sessions/:id/recordings/:fileId/download', (request, reply) => {
    const { id, fileId } = parseWith(fileParams, request.params);
    const recording = findSession(ctx.store.state, id, request.tenantId).recordings.find(
      (x) => x.id === fileId,
    );
    if (!recording || recording.isDeleted) throw notFound(`Recording ${fileId}`);
    return reply
      .header('content-type', 'video/webm')
      .send(Buffer.from(`sandbox recording ${recording.id}\n`));
  });

  app.delete('/Sessions/:id/files', (request) => {
    const { id } = parseWith(idParams, request.params);
    const body = parseWith(z.object({ fileIds: z.array(z.number().int()).min(1) }), request.body);
    return deleteFiles(ctx, findSession(ctx.store.state, id, request.tenantId), body.fileIds);
  });

  app.delete('/Sessions/:id/files/:fileId', (request) => {
    const { id, fileId } = parseWith(fileParams, request.params);
    const [result] = deleteFiles(ctx, findSession(ctx.store.state, id, request.tenantId), [fileId]);
    return result;
  });

  app.post('/Sessions/:id/anonymize', (request, reply) => {
    const { id } = parseWith(idParams, request.params);
    anonymizeSession(ctx, findSession(ctx.store.state, id, request.tenantId));
    return reply.code(204).send();
  });

  app.post('/Sessions/:id/end', (request, reply) => {
    const { id } = parseWith(idParams, request.params);
    endSession(ctx, findSession(ctx.store.state, id, request.tenantId), 'SessionApiCall');
    return reply.code(204).send();
  });

  app.get('/Sessions/:id/callparams', (request) => {
    const { id } = parseWith(idParams, request.params);
    return { callParams: findSession(ctx.store.state, id, request.tenantId).callParams };
  });

  app.put('/Sessions/:id/callparams', (request, reply) => {
    const { id } = parseWith(idParams, request.params);
    const body = parseWith(
      z.object({ callParams: z.record(z.string(), z.string()) }),
      request.body,
    );
    setCallParams(ctx, findSession(ctx.store.state, id, request.tenantId), body.callParams, 'API');
    return reply.code(204).send();
  });

  app.put('/Sessions/:id/tags/:tagId', (request, reply) => {
    const { id, tagId } = parseWith(tagParams, request.params);
    const session = findSession(ctx.store.state, id, request.tenantId);
    if (!ctx.store.state.tags.some((t) => t.id === tagId && t.tenantId === request.tenantId))
      throw notFound(`Tag ${tagId}`);
    if (!session.tagIds.includes(tagId)) session.tagIds.push(tagId);
    ctx.store.changed();
    return reply.code(204).send();
  });

  app.delete('/Sessions/:id/tags/:tagId', (request, reply) => {
    const { id, tagId } = parseWith(tagParams, request.params);
    const session = findSession(ctx.store.state, id, request.tenantId);
    session.tagIds = session.tagIds.filter((t) => t !== tagId);
    ctx.store.changed();
    return reply.code(204).send();
  });
}
