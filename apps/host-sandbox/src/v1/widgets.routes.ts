import { updateChatButtonModelSchema } from '@switchboard/host-contract';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { findPackage } from '../actions/lookup.js';
import { setChatButton } from '../actions/package-status.js';
import { parseWith } from '../common/parse-body.js';
import type { SandboxContext } from '../sandbox-context.js';
import type { ChatPackage } from '../state/tenant.model.js';

const idParams = z.object({ id: z.coerce.number().int() });

const presetView = (p: ChatPackage): Record<string, unknown> => ({
  id: p.id,
  name: p.name,
  buttonVisible: p.buttonVisible,
  departmentId: p.tenantId,
});

/**
 * `/api/v1/Widgets`: the tenant's widget presets (WidgetPresetModel; here one per package) and the
 * chat-button switch (UpdateChatButtonModel), all a v1 host offers a plugin for package status.
 */
export function registerWidgetRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.get('/Widgets', (request) =>
    ctx.store.state.packages.filter((p) => p.tenantId === request.tenantId).map(presetView),
  );
  app.put('/Widgets/:id/chatButton', (request, reply) => {
    const { id } = parseWith(idParams, request.params);
    const body = parseWith(updateChatButtonModelSchema, request.body);
    setChatButton(ctx, findPackage(ctx.store.state, id, request.tenantId), body.displayButton);
    return reply.code(204).send();
  });
}
