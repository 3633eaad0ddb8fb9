import { usePermissions } from 'react-admin';
import { canEditSettings } from '../providers/authProvider.js';

/** Admins edit settings; supervisors and viewers only read them. */
export function useCanEdit(): { canEdit: boolean; isPending: boolean } {
  const { permissions, isPending } = usePermissions<string[]>();
  return { canEdit: canEditSettings(permissions), isPending };
}
