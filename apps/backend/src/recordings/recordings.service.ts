import { EntityManager } from '@mikro-orm/core';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { durationToMs, type SessionModel } from '@switchboard/host-contract';
import { HostApiClientFactory } from '../host/host-api-client.factory.js';
import { SessionErasureRegistry } from '../privacy/session-erasure.registry.js';
import type { SessionRecordingsView } from './recordings.schemas.js';
import { SessionRecording } from './session-recording.entity.js';

function seconds(duration: string | null | undefined): number | null {
  if (duration == null) return null;
  try {
    return Math.round(durationToMs(duration) / 1000);
  } catch {
    return null;
  }
}

/**
 * The recordings list of the host's Recordings tab (setting 6), copied from the session data
 * whenever the host reports that post-processing finished. The copy follows the host: a recording
 * that disappeared from the session data is marked deleted rather than forgotten.
 */
@Injectable()
export class RecordingsService implements OnModuleInit {
  constructor(
    private readonly em: EntityManager,
    private readonly hosts: HostApiClientFactory,
    private readonly erasure: SessionErasureRegistry,
  ) {}

  onModuleInit(): void {
    this.erasure.register('recordings', async ({ tenantId, sessionId }, em) => ({
      category: 'recordings_list',
      erased: await em.nativeDelete(SessionRecording, { tenant: tenantId, sessionId }),
    }));
  }

  /** Reads the session from the host and stores its recordings; idempotent. */
  async refresh(tenantId: string, sessionId: string): Promise<number> {
    const session = await (await this.hosts.forTenant(tenantId)).getSession(sessionId);
    await this.store(tenantId, session);
    return session.recordings?.length ?? 0;
  }

  async store(tenantId: string, session: SessionModel): Promise<void> {
    const now = new Date();
    await this.em.fork().transactional(async (em) => {
      const existing = new Map(
        (await em.find(SessionRecording, { tenant: tenantId, sessionId: session.id })).map(
          (row) => [row.recordingId, row],
        ),
      );
      for (const recording of session.recordings ?? []) {
        const fields = {
          name: recording.name ?? null,
          startedAt: recording.started == null ? null : new Date(recording.started),
          durationSeconds: seconds(recording.duration),
          type: recording.type ?? null,
          userId: recording.userId == null ? null : String(recording.userId),
          downloadUrl: recording.downloadUrl ?? null,
          isDeleted: recording.isDeleted ?? false,
          processingState: session.recordingsState ?? null,
          updatedAt: now,
        };
        const row = existing.get(recording.id);
        if (row === undefined) {
          em.create(SessionRecording, {
            tenant: tenantId,
            sessionId: session.id,
            recordingId: recording.id,
            ...fields,
          });
        } else {
          existing.delete(recording.id);
          Object.assign(row, fields);
        }
      }
      for (const gone of existing.values()) {
        Object.assign(gone, { isDeleted: true, updatedAt: now });
      }
    });
  }

  async list(tenantId: string, sessionId: string): Promise<SessionRecordingsView> {
    const rows = await this.em
      .fork()
      .find(
        SessionRecording,
        { tenant: tenantId, sessionId },
        { orderBy: [{ startedAt: 'asc' }, { id: 'asc' }] },
      );
    const latest = rows.reduce<SessionRecording | null>(
      (newest, row) => (newest === null || row.updatedAt > newest.updatedAt ? row : newest),
      null,
    );
    return {
      sessionId,
      processingState: latest?.processingState ?? null,
      refreshedAt: latest?.updatedAt.toISOString() ?? null,
      recordings: rows.map((row) => ({
        recordingId: row.recordingId,
        name: row.name,
        startedAt: row.startedAt?.toISOString() ?? null,
        durationSeconds: row.durationSeconds,
        type: row.type,
        userId: row.userId,
        downloadUrl: row.downloadUrl,
        isDeleted: row.isDeleted,
      })),
    };
  }
}
