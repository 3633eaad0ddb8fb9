import { useCallback } from 'react';
import { useNotify } from 'react-admin';
import { isApiProblem } from '../providers/ApiProblem.js';

/**
 * Shows why a call failed: the API's message (already in the admin's language) as it is, or
 * react-admin's generic one. Passed as its own fallback, so it is not looked up as a key.
 */
export function useNotifyProblem(): (error: unknown) => void {
  const notify = useNotify();
  return useCallback(
    (error: unknown) => {
      if (isApiProblem(error)) {
        notify(error.message, { type: 'error', messageArgs: { _: error.message } });
      } else {
        notify('ra.notification.http_error', { type: 'error' });
      }
    },
    [notify],
  );
}
