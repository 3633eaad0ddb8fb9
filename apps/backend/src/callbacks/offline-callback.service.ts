import { EntityManager } from '@mikro-orm/core';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { ClientLeftQueueRequest } from '@switchboard/host-contract';
import type { Principal } from '../auth/principal.js';
import { normalizeEmail, normalizePhoneNumber } from '../bans/channel-identity.js';
import { ApiError } from '../common/errors/api-error.js';
import { SessionErasureRegistry } from '../privacy/session-erasure.registry.js';
import { CallbackNumberBlock } from './callback-number-block.entity.js';
import { OfflineCallback } from './offline-callback.entity.js';

export interface OfflineCallbackView {
  sessionId: string;
  packageId: string | null;
  leftAt: string;
  cause: string;
  contact: { name: string | null; phone: string | null; email: string | null };
  takenBy: string | null;
  takenAt: string | null;
}

/** The usable contact details a queued client left, or null when there is no way to reach them. */
export function usableContact(
  contact: ClientLeftQueueRequest['contact'],
  region: string | null,
): { name: string | null; phone: string | null; email: string | null } | null {
  const phone =
    contact.phoneNumber == null ? null : normalizePhoneNumber(contact.phoneNumber, region);
  const email = contact.email == null ? null : normalizeEmail(contact.email);
  if (phone === null && email === null) return null;
  const name = contact.name?.trim().slice(0, 200) ?? '';
  return { name: name === '' ? null : name, phone, email };
}

function view(row: OfflineCallback): OfflineCallbackView {
  return {
    sessionId: row.sessionId,
    packageId: row.packageId,
    leftAt: row.leftAt.toISOString(),
    cause: row.cause,
    contact: { name: row.name, phone: row.phone, email: row.email },
    takenBy: row.takenById,
    takenAt: row.takenAt?.toISOString() ?? null,
  };
}

/**
 * Setting 9: sessions kept queued after their client left, with the contact details the client
 * gave; the operator who takes the session (SessionOperatorJoined) is the one who reads them.
 */
@Injectable()
export class OfflineCallbackService implements OnModuleInit {
  constructor(
    private readonly em: EntityManager,
    private readonly erasure: SessionErasureRegistry,
  ) {}

  onModuleInit(): void {
    this.erasure.register('callbacks', async ({ tenantId, sessionId }, em) => {
      const contacts = await em.nativeDelete(OfflineCallback, { tenant: tenantId, sessionId });
      const numbers = await em.nativeDelete(CallbackNumberBlock, { tenant: tenantId, sessionId });
      return { category: 'callback_contact', erased: contacts + numbers };
    });
  }

  /** Keeps the contact (a repeated hook call for the session changes nothing). */
  async keep(
    tenantId: string,
    request: ClientLeftQueueRequest,
    contact: { name: string | null; phone: string | null; email: string | null },
  ): Promise<void> {
    await this.em.fork().upsert(
      OfflineCallback,
      {
        tenant: tenantId,
        sessionId: request.sessionId,
        packageId: request.packageId == null ? null : String(request.packageId),
        ...contact,
        leftAt: new Date(request.leftAt),
        cause: request.cause,
        createdAt: new Date(),
      },
      { onConflictFields: ['tenant', 'sessionId'], onConflictAction: 'ignore' },
    );
  }

  /** The first operator to join a kept session takes it; later joins do not change that. */
  async taken(tenantId: string, sessionId: string, userId: string, at: Date): Promise<boolean> {
    const updated = await this.em
      .fork()
      .nativeUpdate(
        OfflineCallback,
        { tenant: tenantId, sessionId, takenById: null },
        { takenById: userId, takenAt: at },
      );
    return updated > 0;
  }

  /**
   * The contact details: for the operator who took the session, the host's server, supervisors
   * and admins; any other operator gets 403 `not_callback_taker`.
   */
  async read(principal: Principal, sessionId: string): Promise<OfflineCallbackView> {
    const row = await this.em
      .fork()
      .findOne(OfflineCallback, { tenant: principal.tenantId, sessionId });
    if (row === null) {
      throw new ApiError({
        status: 404,
        code: 'offline_callback_not_found',
        messageKey: 'offline_callbacks.not_found',
        params: { sessionId },
      });
    }
    const privileged = principal.roles.some((role) => role !== 'operator' && role !== 'viewer');
    if (!privileged && row.takenById !== principal.userId) {
      throw new ApiError({
        status: 403,
        code: 'not_callback_taker',
        messageKey: 'offline_callbacks.not_taker',
      });
    }
    return view(row);
  }
}
