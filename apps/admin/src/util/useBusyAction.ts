import { useCallback, useState } from 'react';
import { useNotifyProblem } from './useNotifyProblem.js';

/**
 * Runs a button's API call once at a time: `busy` while it runs (to disable the button), and a
 * failure shown as a notification instead of thrown.
 */
export function useBusyAction(): [
  busy: boolean,
  run: (action: () => Promise<void>) => Promise<void>,
] {
  const notifyProblem = useNotifyProblem();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (action: () => Promise<void>) => {
      setBusy(true);
      try {
        await action();
      } catch (error) {
        notifyProblem(error);
      } finally {
        setBusy(false);
      }
    },
    [notifyProblem],
  );
  return [busy, run];
}
