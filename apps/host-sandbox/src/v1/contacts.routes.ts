import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound } from '../common/http-error.js';
import { parseWith } from '../common/parse-body.js';
import type { SandboxContext } from '../sandbox-context.js';
import { QueryFilters } from './query-filters.js';

const idParams = z.object({ id: z.coerce.number().int() });
const contactData = z.record(z.string(), z.array(z.string()));

/** `/api/v1/Contacts…`: the contact directory (ContactModel = id + field → values). */
export function registerContactRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.get('/Contacts', (request) => {
    const f = new QueryFilters(request.query);
    const field = f.one('filterField');
    const value = f.one('filterValue');
    const found = ctx.store.state.contacts.filter(
      (c) =>
        c.tenantId === request.tenantId &&
        (field === undefined || value === undefined || (c.data[field] ?? []).includes(value)),
    );
    return f.page(found).map((c) => ({ id: c.id, data: c.data }));
  });

  app.get('/Contacts/:id', (request) => {
    const { id } = parseWith(idParams, request.params);
    const contact = ctx.store.state.contacts.find(
      (c) => c.id === id && c.tenantId === request.tenantId,
    );
    if (!contact) throw notFound(`Contact ${id}`);
    return { id: contact.id, data: contact.data };
  });

  app.post('/Contacts', (request, reply) => {
    const body = parseWith(z.array(contactData).min(1), request.body);
    const ids = body.map((data) => {
      const id = ctx.store.nextId('contact');
      ctx.store.state.contacts.push({ id, tenantId: request.tenantId, data });
      return id;
    });
    ctx.store.changed();
    return reply.code(201).send(ids);
  });

  app.put('/Contacts/:id', (request, reply) => {
    const { id } = parseWith(idParams, request.params);
    const data = parseWith(contactData, request.body);
    const contact = ctx.store.state.contacts.find(
      (c) => c.id === id && c.tenantId === request.tenantId,
    );
    if (!contact) throw notFound(`Contact ${id}`);
    contact.data = data;
    ctx.store.changed();
    return reply.code(204).send();
  });
}
