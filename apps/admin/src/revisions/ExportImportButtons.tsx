import UploadIcon from '@mui/icons-material/Upload';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  List,
  ListItem,
  ListItemText,
  Stack,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useLogoutIfAccessDenied, useNotify, useRefresh, useTranslate } from 'react-admin';
import { useCanEdit } from '../auth/useCanEdit.js';
import { isApiProblem } from '../providers/ApiProblem.js';
import { useApi } from '../providers/ApiContext.js';
import type { ImportResult } from '../providers/settingsApi.js';
import { ChangeList } from '../settings/ChangeList.js';
import { DownloadButton } from '../util/DownloadButton.js';
import { useNotifyProblem } from '../util/useNotifyProblem.js';

/** FileReader rather than Blob.text(): it also works in older embedded browsers (and jsdom). */
const readText = (file: File): Promise<string> =>
  new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('unreadable file'));
    reader.readAsText(file);
  });

export const ExportButton = () => {
  const { settings } = useApi();
  return (
    <DownloadButton
      label="switchboard.history.export"
      fetchFile={() => settings.export()}
      fallbackName="switchboard-settings.json"
    />
  );
};

/** Upload an export file → dry-run diff (or its errors) → apply as one revision. */
export const ImportButton = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const notifyProblem = useNotifyProblem();
  const refresh = useRefresh();
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  const { settings } = useApi();
  const { canEdit } = useCanEdit();
  const [open, setOpen] = useState(false);
  const [document, setDocument] = useState<unknown>();
  const [fileError, setFileError] = useState<string>();
  const [result, setResult] = useState<ImportResult>();
  const [busy, setBusy] = useState(false);

  const close = () => {
    setOpen(false);
    setDocument(undefined);
    setResult(undefined);
    setFileError(undefined);
  };

  const pick = async (file: File | undefined) => {
    setResult(undefined);
    setFileError(undefined);
    if (!file) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readText(file)) as unknown;
    } catch {
      setFileError(translate('switchboard.import.notJson'));
      return;
    }
    setDocument(parsed);
    setBusy(true);
    try {
      setResult(await settings.importDryRun(parsed));
    } catch (error) {
      if (!isApiProblem(error)) throw error;
      await logoutIfAccessDenied(error);
      setFileError(error.message);
    } finally {
      setBusy(false);
    }
  };

  const apply = async () => {
    setBusy(true);
    try {
      const { version } = await settings.get();
      await settings.importApply(document, version);
      notify('switchboard.import.applied', { type: 'success' });
      close();
      refresh();
    } catch (error) {
      if (!isApiProblem(error)) throw error;
      await logoutIfAccessDenied(error);
      notifyProblem(error);
    } finally {
      setBusy(false);
    }
  };

  if (!canEdit) return null;
  return (
    <>
      <Button size="small" startIcon={<UploadIcon />} onClick={() => setOpen(true)}>
        {translate('switchboard.history.import')}
      </Button>
      <Dialog open={open} onClose={close} aria-labelledby="import-title" maxWidth="md" fullWidth>
        <DialogTitle id="import-title">{translate('switchboard.import.title')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            <Typography>{translate('switchboard.import.intro')}</Typography>
            <Button
              component="label"
              variant="outlined"
              disabled={busy}
              sx={{ alignSelf: 'flex-start' }}
            >
              {translate('switchboard.import.chooseFile')}
              <input
                hidden
                type="file"
                accept="application/json,.json"
                aria-label={translate('switchboard.import.chooseFile')}
                onChange={(event) => void pick(event.target.files?.[0])}
              />
            </Button>
            {fileError && <Alert severity="error">{fileError}</Alert>}
            {result && !result.valid && (
              <Alert severity="error">
                {translate('switchboard.import.invalid')}
                <List dense>
                  {result.errors.map((error, index) => (
                    <ListItem key={`${error.path}-${index}`}>
                      <ListItemText primary={error.message} secondary={error.path} />
                    </ListItem>
                  ))}
                </List>
              </Alert>
            )}
            {result?.valid && (
              <>
                <Typography variant="subtitle1" component="h3">
                  {translate('switchboard.import.dryRun', { smart_count: result.changes.length })}
                </Typography>
                <ChangeList
                  changes={result.changes}
                  caption={translate('switchboard.import.title')}
                />
              </>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{translate('ra.action.cancel')}</Button>
          <Button
            variant="contained"
            disabled={busy || !result?.valid || result.changes.length === 0}
            onClick={() => void apply()}
          >
            {translate('switchboard.import.apply')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
