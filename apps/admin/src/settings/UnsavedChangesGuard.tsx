import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from '@mui/material';
import { useEffect } from 'react';
import { useBlocker, useCanBlock, useTranslate } from 'react-admin';

interface GuardProps {
  when: boolean;
  /** Called when the user chooses to leave: the unsaved edits are to be dropped. */
  onLeave?: () => void;
}

const InRouterGuard = ({ when, onLeave }: GuardProps) => {
  const translate = useTranslate();
  const blocker = useBlocker(when);
  return (
    <Dialog open={blocker.state === 'blocked'} aria-labelledby="unsaved-title">
      <DialogTitle id="unsaved-title">{translate('switchboard.unsaved.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText>{translate('ra.message.unsaved_changes')}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => blocker.reset?.()} variant="contained">
          {translate('switchboard.unsaved.stay')}
        </Button>
        <Button
          onClick={() => {
            onLeave?.();
            blocker.proceed?.();
          }}
          color="warning"
        >
          {translate('switchboard.unsaved.leave')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

/** Asks before leaving with unsaved edits: in-app navigation (router blocker) and tab close. */
export const UnsavedChangesGuard = ({ when, onLeave }: GuardProps) => {
  const canBlock = useCanBlock();
  useEffect(() => {
    if (!when) return undefined;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [when]);
  return canBlock ? <InRouterGuard when={when} onLeave={onLeave} /> : null;
};
