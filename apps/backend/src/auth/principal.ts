import { PANEL_ROLES, type PanelRole } from '@switchboard/host-contract';

/**
 * Who is calling. The host vouches for every principal with a JWT signed by the tenant's panel
 * secret; Switchboard never manages users itself. The roles are the host contract's:
 *
 * - admin: edits settings, reads everything
 * - supervisor: reads settings, manages bans
 * - viewer: reads
 * - operator: operator actions from the host UI (e.g. banning, while the tenant allows it)
 * - host: the host's own server calling Switchboard (e.g. reading effective settings)
 */
export const ROLES = PANEL_ROLES;
export type Role = PanelRole;

/**
 * The people of the admin panel. Their JWT travels in the panel URL, so it only opens a session
 * (once): it is never accepted as a bearer itself.
 */
export const SESSION_ROLES = ['admin', 'supervisor', 'viewer'] as const satisfies readonly Role[];

/** Callers that present the host JWT itself on every request (server calls, operator actions). */
export const BEARER_ROLES = ['host', 'operator'] as const satisfies readonly Role[];

export interface Principal {
  tenantId: string;
  userId: string;
  userName: string | null;
  roles: readonly Role[];
  locale: 'cs' | 'en';
}
