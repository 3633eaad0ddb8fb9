import {
  Entity,
  OptionalProps,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  Unique,
} from '@mikro-orm/core';
import { Tenant } from '../installation/tenant.entity.js';

/**
 * One recording of a session as the host's session data last described it (setting 6), kept for
 * the host's Recordings tab. Refreshed whenever the host reports finished post-processing.
 */
@Entity({ tableName: 'session_recording' })
@Unique({ properties: ['tenant', 'sessionId', 'recordingId'] })
@Index({ properties: ['tenant', 'sessionId'] })
export class SessionRecording {
  [OptionalProps]?:
    | 'name'
    | 'startedAt'
    | 'durationSeconds'
    | 'type'
    | 'userId'
    | 'downloadUrl'
    | 'isDeleted'
    | 'processingState'
    | 'updatedAt';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Tenant, { deleteRule: 'cascade', updateRule: 'cascade' })
  tenant!: Tenant;

  @Property({ type: 'string', length: 32 })
  sessionId!: string;

  @Property({ type: 'string', length: 32 })
  recordingId!: string;

  @Property({ type: 'string', length: 500, nullable: true })
  name: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  startedAt: Date | null = null;

  @Property({ type: 'integer', nullable: true })
  durationSeconds: number | null = null;

  /** SessionRecordingType: Operator, Guest, AllParticipants, ScreenSharing, Other. */
  @Property({ type: 'string', length: 32, nullable: true })
  type: string | null = null;

  /** The operator the recording belongs to, if any. */
  @Property({ type: 'string', length: 32, nullable: true })
  userId: string | null = null;

  /** The host's download URL (the host's own bearer token is needed to follow it). */
  @Property({ type: 'text', nullable: true })
  downloadUrl: string | null = null;

  @Property({ type: 'boolean' })
  isDeleted = false;

  /** SessionRecordingsState of the session when this row was written. */
  @Property({ type: 'string', length: 32, nullable: true })
  processingState: string | null = null;

  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();
}
