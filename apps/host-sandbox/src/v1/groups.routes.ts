import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound } from '../common/http-error.js';
import { parseWith } from '../common/parse-body.js';
import type { SandboxContext } from '../sandbox-context.js';
import type { OperatorGroup } from '../state/tenant.model.js';

const idParams = z.object({ id: z.coerce.number().int() });

const groupView = (g: OperatorGroup): Record<string, unknown> => ({
  id: g.id,
  name: g.name,
  created: g.created,
  type: g.type,
  departmentId: g.tenantId,
  userIds: g.userIds,
});

/** `/api/v1/Groups`, `/Departments`, `/Tags`: the tenant's structure. */
export function registerGroupRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.get('/Groups', (request) =>
    ctx.store.state.groups.filter((g) => g.tenantId === request.tenantId).map(groupView),
  );
  app.get('/Groups/:id', (request) => {
    const { id } = parseWith(idParams, request.params);
    const group = ctx.store.state.groups.find(
      (g) => g.id === id && g.tenantId === request.tenantId,
    );
    if (!group) throw notFound(`Group ${id}`);
    return groupView(group);
  });
  app.get('/Departments', (request) =>
    ctx.store.state.tenants
      .filter((t) => t.id === request.tenantId)
      .map((t) => ({ id: t.id, name: t.name })),
  );
  app.get('/Tags', (request) =>
    ctx.store.state.tags
      .filter((t) => t.tenantId === request.tenantId)
      .map((t) => ({
        id: t.id,
        name: t.name,
        label: t.label,
        departmentId: t.tenantId,
        backgroundArgb: null,
        textArgb: null,
      })),
  );
}
