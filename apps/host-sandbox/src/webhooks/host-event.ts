/** One thing that happened on the host, before it is fanned out to registrations. */
export interface HostEvent {
  /** Tenants whose registrations may receive it (a user event goes to every tenant of the user). */
  tenantIds: number[];
  eventType: string;
  data: Record<string, unknown>;
  /** Events with the same key are delivered in order (session:1, user:7, email:3). */
  entityKey: string;
  /** Extension-only fields, left out of `data` when the host runs v1-only. */
  extensionData?: Record<string, unknown>;
  /** An extension event type: not sent at all in v1-only mode. */
  extensionOnly?: boolean;
}
