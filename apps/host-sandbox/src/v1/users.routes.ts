import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { findOperator } from '../actions/lookup.js';
import { parseWith } from '../common/parse-body.js';
import type { SandboxContext } from '../sandbox-context.js';
import type { Operator } from '../state/operator.model.js';
import { QueryFilters } from './query-filters.js';

const idParams = z.object({ id: z.coerce.number().int() });

/** `/api/v1/Users…`: users of the caller's tenant, their operator states and simplified statuses. */
export function registerUserRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const s = (): typeof ctx.store.state => ctx.store.state;
  const userView = (o: Operator): Record<string, unknown> => ({
    id: o.id,
    firstName: o.firstName,
    lastName: o.lastName,
    username: o.username,
    email: o.email,
    note: null,
    enabled: o.enabled,
    departments: o.tenantIds,
    groups: s()
      .groups.filter((g) => g.userIds.includes(o.id))
      .map((g) => g.id),
    globalRoles: [],
  });
  const stateView = (o: Operator): Record<string, unknown> => {
    const reason = s().absenceReasons.find((r) => r.id === o.absenceReasonId);
    return {
      userId: o.id,
      stateKind: o.stateKind,
      breakStateId: reason?.id ?? null,
      breakStateName: reason?.name ?? null,
      isBreakStatePaid: reason?.isPaid ?? null,
      note: null,
      changed: o.stateChanged,
      forced: false,
    };
  };
  const statusView = (o: Operator): Record<string, unknown> => ({
    userId: o.id,
    simplifiedStatus: o.status,
    availabilityStatus: o.availabilityStatus,
    availabilityStatusReason: o.availabilityStatusReason,
  });
  const tenantOperators = (tenantId: number): Operator[] =>
    s().operators.filter((o) => o.tenantIds.includes(tenantId));

  app.get('/Users', (request) => {
    const f = new QueryFilters(request.query);
    return f.page(tenantOperators(request.tenantId), 1000).map(userView);
  });
  app.get('/Users/operatorStates', (request) => tenantOperators(request.tenantId).map(stateView));
  app.get('/Users/statuses', (request) => tenantOperators(request.tenantId).map(statusView));
  app.get('/Users/:id', (request) => {
    const { id } = parseWith(idParams, request.params);
    return userView(findOperator(s(), id, request.tenantId));
  });
  app.get('/Users/:id/operatorState', (request) => {
    const { id } = parseWith(idParams, request.params);
    return stateView(findOperator(s(), id, request.tenantId));
  });
  app.get('/Users/:id/status', (request) => {
    const { id } = parseWith(idParams, request.params);
    return statusView(findOperator(s(), id, request.tenantId));
  });
}
