import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from '@mui/material';
import { useTranslate } from 'react-admin';
import type { SettingChangeRecord } from '../providers/ApiProblem.js';
import { ChangeList } from './ChangeList.js';

interface ConflictDialogProps {
  open: boolean;
  changesSince: readonly SettingChangeRecord[];
  busy: boolean;
  onReload: () => void;
  onOverwrite: () => void;
}

/** 409: somebody saved first. Show what they changed; reload, or re-apply mine on top of theirs. */
export const ConflictDialog = ({
  open,
  changesSince,
  busy,
  onReload,
  onOverwrite,
}: ConflictDialogProps) => {
  const translate = useTranslate();
  return (
    <Dialog open={open} aria-labelledby="conflict-title" maxWidth="md" fullWidth>
      <DialogTitle id="conflict-title">{translate('switchboard.conflict.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          {translate('switchboard.conflict.intro')}
        </DialogContentText>
        <ChangeList changes={changesSince} caption={translate('switchboard.conflict.title')} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onReload} disabled={busy}>
          {translate('switchboard.conflict.reload')}
        </Button>
        <Button onClick={onOverwrite} disabled={busy} variant="contained" color="warning">
          {translate('switchboard.conflict.overwrite')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
