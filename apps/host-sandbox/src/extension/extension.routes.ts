import type { FastifyInstance } from 'fastify';
import {
  anonymizeSessionRequestSchema,
  assignEmailThreadRequestSchema,
  deleteFilesRequestSchema,
  endSessionRequestSchema,
  EXTENSION_PATHS,
  setPackageStatusRequestSchema,
} from '@switchboard/host-contract';
import { z } from 'zod';
import { assignThread } from '../actions/email.actions.js';
import { findPackage, findSession, findThread, findTenant } from '../actions/lookup.js';
import { computedPackageStatus } from '../actions/package-status.js';
import { anonymizeByCategory, deleteFiles } from '../actions/session-data.actions.js';
import { endSession } from '../actions/session-flow.actions.js';
import { requireBearer } from '../auth/bearer-auth.js';
import { parseWith } from '../common/parse-body.js';
import type { SandboxContext } from '../sandbox-context.js';
import type { ChatPackage } from '../state/tenant.model.js';
import { hostCapabilities } from './capabilities.js';
import { routePath } from './route-path.js';
import { registerSettingsUpdatedRoute } from './settings-updated.routes.js';

const P = EXTENSION_PATHS.host;
const packageParams = z.object({ packageId: z.coerce.number().int() });
const sessionParams = z.object({ sessionId: z.coerce.number().int() });
const threadParams = z.object({ threadId: z.coerce.number().int() });

/** Maps the plugin's reasons to the host's termination reasons. */
const TERMINATION_BY_REASON = {
  disconnect_grace_expired: 'GuestAbandoned',
  banned_client: 'FailedRouting',
  callback_number_blocked: 'FailedRouting',
  admin_request: 'SessionApiCall',
} as const;

/**
 * The plugin extension under /api/v1/extension. On a v1-only host every path answers 404, as on
 * a host that never had it.
 */
export function registerExtensionRoutes(api: FastifyInstance, ctx: SandboxContext): void {
  void api.register((ext, _opts, done) => {
    ext.addHook('onRequest', async (request, reply) => {
      if (!request.url.toLowerCase().includes('/extension/')) return;
      if (ctx.store.state.settings.v1Only) {
        return reply
          .code(404)
          .send({ code: 'not_found', message: 'This host has no plugin extension' });
      }
    });
    registerSettingsUpdatedRoute(ext, ctx);
    void ext.register((authed, _o, inner) => {
      requireBearer(authed, ctx);
      registerAuthedRoutes(authed, ctx);
      inner();
    });
    done();
  });
}

function registerAuthedRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const s = (): typeof ctx.store.state => ctx.store.state;
  const statusView = (pkg: ChatPackage): Record<string, unknown> => ({
    packageId: pkg.id,
    status: pkg.statusOverride?.status ?? computedPackageStatus(s(), pkg),
    reason: pkg.statusOverride?.reason ?? null,
    changedAt:
      pkg.statusOverride?.setAt ?? s().tenants.find((t) => t.id === pkg.tenantId)?.createdAt,
  });

  app.get(P.packages, (request) =>
    s()
      .packages.filter((p) => p.tenantId === request.tenantId)
      .map((p) => ({
        id: p.id,
        name: p.name,
        groupIds: p.groupIds,
        userIds: p.userIds,
        status: p.statusOverride?.status ?? computedPackageStatus(s(), p),
        statusReason: p.statusOverride?.reason ?? null,
      })),
  );

  app.get(routePath(P.packageStatus), (request) => {
    const { packageId } = parseWith(packageParams, request.params);
    return statusView(findPackage(s(), packageId, request.tenantId));
  });

  app.put(routePath(P.packageStatus), (request) => {
    const { packageId } = parseWith(packageParams, request.params);
    const body = parseWith(setPackageStatusRequestSchema, request.body);
    const pkg = findPackage(s(), packageId, request.tenantId);
    pkg.statusOverride = {
      status: body.status,
      reason: body.reason,
      setAt: new Date().toISOString(),
    };
    ctx.store.changed();
    return statusView(pkg);
  });

  app.get(routePath(P.routingTimeline), (request) => {
    const { sessionId } = parseWith(sessionParams, request.params);
    const session = findSession(s(), sessionId, request.tenantId);
    const operatorRef = (userId: number | null): Record<string, unknown> | null => {
      if (userId === null) return null;
      const o = s().operators.find((x) => x.id === userId);
      return { userId, firstName: o?.firstName ?? null, lastName: o?.lastName ?? null };
    };
    return {
      sessionId: session.id,
      items: session.routingTimeline.map((item) => ({
        routingRequestId: item.routingRequestId,
        timestamp: item.timestamp,
        activityType: item.activityType,
        group:
          item.groupId === null
            ? null
            : {
                id: item.groupId,
                name: s().groups.find((g) => g.id === item.groupId)?.name ?? null,
              },
        phoneNumber: null,
        operator: operatorRef(item.userId),
        forwardedByOperator: operatorRef(item.forwardedByUserId),
        invitedByOperator: null,
      })),
    };
  });

  app.post(routePath(P.endSession), (request) => {
    const { sessionId } = parseWith(sessionParams, request.params);
    const body = parseWith(endSessionRequestSchema, request.body);
    const session = findSession(s(), sessionId, request.tenantId);
    const alreadyEnded = session.status === 'CLOSED' || session.status === 'BLACKLISTED';
    if (!alreadyEnded) {
      endSession(ctx, session, TERMINATION_BY_REASON[body.reason]);
      session.result ??= `ended_by_plugin:${body.reason}`;
    }
    return {
      sessionId: session.id,
      outcome: alreadyEnded ? 'ALREADY_ENDED' : 'ENDED',
      endedAt: session.ended,
    };
  });

  app.post(routePath(P.anonymizeSession), (request) => {
    const { sessionId } = parseWith(sessionParams, request.params);
    const body = parseWith(anonymizeSessionRequestSchema, request.body);
    const session = findSession(s(), sessionId, request.tenantId);
    const results = anonymizeByCategory(ctx, session, body.categories).map((r) => ({
      category: r.category,
      outcome: r.state,
      itemCount: r.itemsAffected,
    }));
    return { sessionId: session.id, results };
  });

  app.post(routePath(P.deleteSessionFiles), (request) => {
    const { sessionId } = parseWith(sessionParams, request.params);
    const body = parseWith(deleteFilesRequestSchema, request.body);
    const session = findSession(s(), sessionId, request.tenantId);
    return { sessionId: session.id, results: deleteFiles(ctx, session, body.fileIds ?? null) };
  });

  app.get(P.callerIds, (request) =>
    s()
      .callerIds.filter((c) => c.tenantId === request.tenantId)
      .map((c) => ({
        callerId: c.callerId,
        isDefault: c.isDefault,
        departmentId: c.tenantId,
        label: null,
      })),
  );

  app.get(P.absenceReasons, (request) =>
    s()
      .absenceReasons.filter((r) => r.tenantId === request.tenantId)
      .map((r) => ({ id: r.id, name: r.name, isPaid: r.isPaid })),
  );

  app.post(routePath(P.assignEmailThread), (request) => {
    const { threadId } = parseWith(threadParams, request.params);
    const body = parseWith(assignEmailThreadRequestSchema, request.body);
    const thread = findThread(s(), threadId, request.tenantId);
    const assignedAt = assignThread(ctx, thread, body.userId, body.onlyIfUnassigned);
    return { threadId: thread.id, userId: body.userId, assignedAt };
  });

  app.get(P.entitlements, (request) => {
    const tenant = findTenant(s(), request.tenantId);
    return {
      tenantId: String(tenant.id),
      entitlements: tenant.entitlements,
      capabilities: hostCapabilities(s().settings.v1Only),
    };
  });
}
