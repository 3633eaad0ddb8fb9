import HistoryIcon from '@mui/icons-material/History';
import { Alert, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import {
  Confirm,
  ShowBase,
  Title,
  useLogoutIfAccessDenied,
  useNotify,
  useRecordContext,
  useRedirect,
  useTranslate,
} from 'react-admin';
import { useCanEdit } from '../auth/useCanEdit.js';
import { isApiProblem, type SettingChangeRecord } from '../providers/ApiProblem.js';
import { useApi } from '../providers/ApiContext.js';
import type { Revision } from '../providers/settingsApi.js';
import { ChangeList } from '../settings/ChangeList.js';
import { useFormatLocale } from '../i18n/useFormatLocale.js';
import { useNotifyProblem } from '../util/useNotifyProblem.js';

const RollbackButton = ({ revision }: { revision: Revision }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const notifyProblem = useNotifyProblem();
  const redirect = useRedirect();
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  const { settings } = useApi();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const rollback = async () => {
    setBusy(true);
    try {
      const { version } = await settings.get();
      await settings.rollback(revision.number, version);
      notify('switchboard.history.rolledBack', {
        type: 'success',
        messageArgs: { number: revision.number },
      });
      setOpen(false);
      redirect('list', 'revisions');
    } catch (error) {
      if (!isApiProblem(error)) throw error;
      await logoutIfAccessDenied(error);
      notifyProblem(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        variant="outlined"
        color="warning"
        startIcon={<HistoryIcon />}
        onClick={() => setOpen(true)}
      >
        {translate('switchboard.history.rollback')}
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title="switchboard.history.rollbackTitle"
        titleTranslateOptions={{ number: revision.number }}
        content="switchboard.history.rollbackConfirm"
        translateOptions={{ number: revision.number }}
        onConfirm={() => void rollback()}
        onClose={() => setOpen(false)}
      />
    </>
  );
};

/** Compare with any other revision (the API's diff endpoint); the default is the previous one. */
const CompareWith = ({ revision }: { revision: Revision }) => {
  const translate = useTranslate();
  const { settings } = useApi();
  const [against, setAgainst] = useState('');
  const [changes, setChanges] = useState<SettingChangeRecord[]>();
  const [error, setError] = useState<string>();
  const compare = async () => {
    try {
      const diff = await settings.diff(revision.number, Number(against));
      setChanges(diff.changes);
      setError(undefined);
    } catch (caught) {
      if (!isApiProblem(caught)) throw caught;
      setError(caught.message);
    }
  };
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <TextField
          size="small"
          type="number"
          label={translate('switchboard.history.compareWith')}
          value={against}
          onChange={(event) => setAgainst(event.target.value)}
        />
        <Button disabled={against === ''} onClick={() => void compare()}>
          {translate('switchboard.history.compare')}
        </Button>
      </Stack>
      {error && <Alert severity="error">{error}</Alert>}
      {changes && (
        <ChangeList changes={changes} caption={translate('switchboard.history.compareWith')} />
      )}
    </Stack>
  );
};

const RevisionDetail = () => {
  const translate = useTranslate();
  const formatLocale = useFormatLocale();
  const revision = useRecordContext<Revision>();
  const { canEdit } = useCanEdit();
  if (!revision) return null;
  const heading = translate('switchboard.history.revision', { number: revision.number });
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={heading} />
      <CardContent>
        <Stack spacing={2}>
          <Typography variant="h5" component="h1">
            {heading}
          </Typography>
          <Typography>
            {translate(`switchboard.history.kinds.${revision.kind}`)} ·{' '}
            {revision.actorName ?? revision.actorId} ·{' '}
            {new Date(revision.createdAt).toLocaleString(formatLocale)}
            {revision.rolledBackTo !== null &&
              ` · ${translate('switchboard.history.rolledBackTo')} #${revision.rolledBackTo}`}
          </Typography>
          <ChangeList changes={revision.changes} caption={heading} />
          {canEdit && (
            <div>
              <RollbackButton revision={revision} />
            </div>
          )}
          <CompareWith revision={revision} />
        </Stack>
      </CardContent>
    </Card>
  );
};

export const RevisionShow = () => (
  <ShowBase>
    <RevisionDetail />
  </ShowBase>
);
