import type {
  AnonymizationCategory,
  GuestBrowserType,
  GuestLeftSessionInState,
  GuestOsType,
  RoutingTimelineActivityType,
  SessionChannel,
  SessionSource,
  SessionStatus,
  SessionTerminationReason,
} from './enums.js';

export interface Guest {
  tempId: string;
  ipAddress: string | null;
  os: GuestOsType;
  browser: GuestBrowserType;
  userAgent: string | null;
  language: string | null;
  /** Cookie GUID per browser: the device a client uses. */
  trackedId: string | null;
  /** The contact-directory record (v1 Guest.Identity); null once the link is anonymized. */
  identity: string | null;
  channelIdentity: string | null;
  phone: string | null;
  email: string | null;
  messengerId: string | null;
  name: string | null;
  connected: boolean;
}

export interface Activity {
  activityId: number;
  time: string;
  type: string;
  client: 'User' | 'Guest' | 'Chatbot' | null;
  userId: number | null;
  text: string | null;
  fileId: number | null;
  toOperatorUserId: number | null;
  toGroupId: number | null;
  terminationReason: SessionTerminationReason | null;
}

export interface SessionFile {
  id: number;
  name: string;
  contentType: string;
  size: number;
  uploadedBy: 'Guest' | 'User';
  userId: number | null;
  uploaded: string;
  isDeleted: boolean;
  deletedAt: string | null;
  /** A file the host cannot reach (storage fault): deletion reports INACCESSIBLE. */
  inaccessible: boolean;
}

export interface Recording {
  id: number;
  name: string;
  started: string;
  durationSeconds: number;
  type: 'Operator' | 'Guest' | 'AllParticipants';
  userId: number | null;
  isDeleted: boolean;
}

export interface CallParam {
  name: string;
  value: string;
  readOnly: boolean;
  source: string;
  updatedDate: string;
}

export interface SessionOperator {
  userId: number;
  joined: string;
  left: string | null;
}

export interface RoutingTimelineEntry {
  routingRequestId: number;
  timestamp: string;
  activityType: RoutingTimelineActivityType;
  groupId: number | null;
  userId: number | null;
  forwardedByUserId: number | null;
}

export interface SessionFeedback {
  stars: number | null;
  scale: 'Likert' | 'NPS' | null;
  text: string | null;
}

export interface Session {
  id: number;
  tenantId: number;
  packageId: number | null;
  channel: SessionChannel;
  source: SessionSource;
  status: SessionStatus;
  url: string | null;
  guest: Guest;
  created: string;
  guestJoined: string | null;
  started: string | null;
  ended: string | null;
  terminationReason: SessionTerminationReason | null;
  guestLeftSession: GuestLeftSessionInState | null;
  blacklisted: boolean;
  operators: SessionOperator[];
  activities: Activity[];
  files: SessionFile[];
  recordings: Recording[];
  recordingsState: 'Processed' | 'Processing' | 'FailedToProcess' | null;
  /** Whether the AV-start decision asked for a recording. */
  recordingRequested: boolean;
  callParams: CallParam[];
  tagIds: number[];
  routingTimeline: RoutingTimelineEntry[];
  result: string | null;
  feedback: SessionFeedback;
  phoneCallbackNumber: string | null;
  callerId: string | null;
  /** Kept in the queue after the client left (offline callback). */
  offlineCallback: boolean;
  guestDisconnectedAt: string | null;
  /** The waiting-client preview the admission hook supplied. */
  preview: Record<string, unknown> | null;
  anonymized: string | null;
  anonymizedCategories: AnonymizationCategory[];
}
