/**
 * Who is calling. The host vouches for every principal with a JWT signed by the tenant's panel
 * secret; Switchboard never manages users itself.
 *
 * - admin: edits settings, reads everything
 * - supervisor: reads settings, manages bans
 * - viewer: reads
 * - operator: operator actions from the host UI (e.g. banning, while the tenant allows it)
 * - host: the host's own server calling Switchboard (e.g. reading effective settings)
 */
export const ROLES = ['admin', 'supervisor', 'viewer', 'operator', 'host'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  tenantId: string;
  userId: string;
  userName: string | null;
  roles: readonly Role[];
  locale: 'cs' | 'en';
}
