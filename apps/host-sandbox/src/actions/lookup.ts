import { HttpError, notFound } from '../common/http-error.js';
import type { SandboxState } from '../state/sandbox-state.js';
import type { EmailThread } from '../state/email-thread.model.js';
import type { Operator } from '../state/operator.model.js';
import type { Session } from '../state/session.model.js';
import type { ChatPackage, Tenant } from '../state/tenant.model.js';

export function findTenant(s: SandboxState, tenantId: number): Tenant {
  const tenant = s.tenants.find((t) => t.id === tenantId);
  if (!tenant) throw notFound(`Tenant ${tenantId}`);
  return tenant;
}

/** A session of the tenant; with no tenant given (control API), any session. */
export function findSession(s: SandboxState, sessionId: number, tenantId?: number): Session {
  const session = s.sessions.find(
    (x) => x.id === sessionId && (tenantId === undefined || x.tenantId === tenantId),
  );
  if (!session) throw notFound(`Session ${sessionId}`);
  return session;
}

export function findPackage(s: SandboxState, packageId: number, tenantId?: number): ChatPackage {
  const found = s.packages.find(
    (p) => p.id === packageId && (tenantId === undefined || p.tenantId === tenantId),
  );
  if (!found) throw notFound(`Package ${packageId}`);
  return found;
}

export function findOperator(s: SandboxState, userId: number, tenantId?: number): Operator {
  const found = s.operators.find(
    (o) => o.id === userId && (tenantId === undefined || o.tenantIds.includes(tenantId)),
  );
  if (!found) throw notFound(`User ${userId}`);
  return found;
}

export function findThread(s: SandboxState, threadId: number, tenantId?: number): EmailThread {
  const found = s.emailThreads.find(
    (t) => t.id === threadId && (tenantId === undefined || t.tenantId === tenantId),
  );
  if (!found) throw notFound(`Email thread ${threadId}`);
  return found;
}

export function assertOpen(session: Session): void {
  if (session.status === 'CLOSED' || session.status === 'BLACKLISTED') {
    throw new HttpError(409, 'session_closed', `Session ${session.id} has ended`);
  }
}
