import AddIcon from '@mui/icons-material/Add';
import BlockIcon from '@mui/icons-material/Block';
import {
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  MenuItem,
  Stack,
  TextField as MuiTextField,
} from '@mui/material';
import type { BAN_DURATIONS } from '@switchboard/settings-model';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  Datagrid,
  DateField,
  FunctionField,
  List,
  SelectInput,
  TextField,
  TopToolbar,
  useNotify,
  usePermissions,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { useFormatLocale } from '../i18n/useFormatLocale.js';
import { type ApiProblem, isApiProblem } from '../providers/ApiProblem.js';
import { useApi } from '../providers/ApiContext.js';
import { useBusyAction } from '../util/useBusyAction.js';
import { translatedChoices } from '../util/filters.js';
import { SearchFilter } from '../util/SearchFilter.js';

export const BAN_KINDS = ['device', 'phone', 'email', 'messenger'] as const;
export const BAN_STATUSES = ['active', 'expired', 'revoked'] as const;

export interface Ban {
  id: number;
  kind: (typeof BAN_KINDS)[number];
  value: string;
  reason: string;
  duration: (typeof BAN_DURATIONS)[number] | 'custom';
  status: (typeof BAN_STATUSES)[number];
  expiresAt: string | null;
  sessionId: string | null;
  createdAt: string;
  createdBy: { id: string; name: string | null; role: string };
  revokedAt: string | null;
  revokedBy: { id: string; name: string | null } | null;
  revokeNote: string | null;
}

interface BanPermissions {
  mayBan: boolean;
  durations: (typeof BAN_DURATIONS)[number][];
  customExpiry: boolean;
}

/** Supervisors and admins ban and revoke in the panel; viewers read. */
export const canManageBans = (roles: readonly string[] | undefined): boolean =>
  roles?.some((role) => role === 'admin' || role === 'supervisor') ?? false;

const statusColour = { active: 'error', expired: 'default', revoked: 'success' } as const;

const RevokeButton = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const { client } = useApi();
  const ban = useRecordContext<Ban>();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, act] = useBusyAction();
  if (!ban || ban.status !== 'active') return null;
  const revoke = () =>
    act(async () => {
      await client.request(`/bans/${ban.id}/revoke`, {
        method: 'POST',
        body: note.trim() === '' ? {} : { note: note.trim() },
      });
      notify('switchboard.bans.revoked', { type: 'success' });
      setOpen(false);
      refresh();
    });
  return (
    <>
      <Button
        size="small"
        color="error"
        onClick={(event) => {
          event.stopPropagation();
          setOpen(true);
        }}
      >
        {translate('switchboard.bans.revoke')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby={`revoke-${ban.id}`}>
        <DialogTitle id={`revoke-${ban.id}`}>
          {translate('switchboard.bans.revokeTitle', { value: ban.value })}
        </DialogTitle>
        <DialogContent>
          <DialogContentText>{ban.reason}</DialogContentText>
          <MuiTextField
            autoFocus
            fullWidth
            margin="normal"
            label={translate('switchboard.bans.revokeNote')}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            slotProps={{ htmlInput: { maxLength: 500 } }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
          <Button color="error" variant="contained" disabled={busy} onClick={() => void revoke()}>
            {translate('switchboard.bans.revoke')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};

/** A ban typed in by a supervisor or admin: what to ban, why, and for how long. */
const CreateBanButton = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const { client } = useApi();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<Ban['kind']>('phone');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [duration, setDuration] = useState<string>('24h');
  const [expiresAt, setExpiresAt] = useState('');
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState(false);
  const permissions = useQuery<BanPermissions>({
    queryKey: ['switchboard', 'bans', 'permissions'],
    queryFn: async () => (await client.request<BanPermissions>('/bans/permissions')).data,
    enabled: open,
    retry: false,
  });
  const durations = permissions.data?.durations ?? [];
  const errors = problem?.fieldErrors() ?? {};
  const submit = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      await client.request('/bans', {
        method: 'POST',
        body: {
          kind,
          value: value.trim(),
          reason: reason.trim(),
          ...(duration === 'custom'
            ? { expiresAt: expiresAt === '' ? '' : new Date(expiresAt).toISOString() }
            : { duration }),
        },
      });
      notify('switchboard.bans.created', { type: 'success' });
      setOpen(false);
      setValue('');
      setReason('');
      refresh();
    } catch (error) {
      if (!isApiProblem(error)) throw error;
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button startIcon={<AddIcon />} onClick={() => setOpen(true)}>
        {translate('switchboard.bans.create')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="create-ban" fullWidth>
        <DialogTitle id="create-ban">{translate('switchboard.bans.create')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <MuiTextField
              select
              label={translate('switchboard.bans.kind')}
              value={kind}
              onChange={(event) => setKind(event.target.value as Ban['kind'])}
            >
              {BAN_KINDS.map((candidate) => (
                <MenuItem key={candidate} value={candidate}>
                  {translate(`switchboard.bans.kinds.${candidate}`)}
                </MenuItem>
              ))}
            </MuiTextField>
            <MuiTextField
              required
              label={translate('switchboard.bans.value')}
              value={value}
              onChange={(event) => setValue(event.target.value)}
              error={errors['value'] !== undefined || errors['kind'] !== undefined}
              helperText={
                errors['value'] ?? errors['kind'] ?? translate('switchboard.bans.valueHelp')
              }
            />
            <MuiTextField
              required
              label={translate('switchboard.bans.reason')}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              error={errors['reason'] !== undefined}
              helperText={errors['reason']}
              slotProps={{ htmlInput: { maxLength: 500 } }}
            />
            <MuiTextField
              select
              label={translate('switchboard.bans.duration')}
              value={duration}
              onChange={(event) => setDuration(event.target.value)}
              error={errors['duration'] !== undefined}
              helperText={errors['duration']}
            >
              {durations.map((candidate) => (
                <MenuItem key={candidate} value={candidate}>
                  {translate(`settings.options.banDuration.${candidate}`)}
                </MenuItem>
              ))}
              {permissions.data?.customExpiry && (
                <MenuItem value="custom">{translate('switchboard.bans.customExpiry')}</MenuItem>
              )}
            </MuiTextField>
            {duration === 'custom' && (
              <MuiTextField
                type="datetime-local"
                label={translate('switchboard.bans.expiresAt')}
                value={expiresAt}
                onChange={(event) => setExpiresAt(event.target.value)}
                error={errors['expiresAt'] !== undefined}
                helperText={errors['expiresAt']}
                slotProps={{ inputLabel: { shrink: true } }}
              />
            )}
            {problem && Object.keys(errors).length === 0 && (
              <DialogContentText color="error">{problem.message}</DialogContentText>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
          <Button
            variant="contained"
            startIcon={<BlockIcon />}
            disabled={busy || value.trim() === '' || reason.trim() === ''}
            onClick={() => void submit()}
          >
            {translate('switchboard.bans.ban')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};

const BanActions = ({ canManage }: { canManage: boolean }) => (
  <TopToolbar>{canManage && <CreateBanButton />}</TopToolbar>
);

/** Who banned whom (a device or a channel identity), why, until when; revoked with who and why. */
export const BansList = () => {
  const translate = useTranslate();
  const formatLocale = useFormatLocale();
  const { permissions } = usePermissions<string[]>();
  const canManage = canManageBans(permissions);
  const dateTime = (iso: string | null) =>
    iso === null ? '' : new Date(iso).toLocaleString(formatLocale);
  return (
    <List
      title="switchboard.bans.title"
      sort={{ field: 'createdAt', order: 'DESC' }}
      exporter={false}
      // The first ban is made here too: no "empty" page hiding the toolbar.
      empty={false}
      actions={<BanActions canManage={canManage} />}
      filters={[
        <SearchFilter key="q" source="q" alwaysOn />,
        <SelectInput
          key="kind"
          source="kind"
          label="switchboard.bans.kind"
          choices={translatedChoices(translate, BAN_KINDS, 'switchboard.bans.kinds.')}
          alwaysOn
        />,
        <SelectInput
          key="status"
          source="status"
          label="switchboard.bans.status"
          choices={translatedChoices(translate, BAN_STATUSES, 'switchboard.bans.statuses.')}
          alwaysOn
        />,
      ]}
    >
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <FunctionField<Ban>
          label="switchboard.bans.kind"
          render={(ban) => translate(`switchboard.bans.kinds.${ban.kind}`)}
        />
        <TextField source="value" label="switchboard.bans.value" sortable={false} />
        <TextField source="reason" label="switchboard.bans.reason" sortable={false} />
        <FunctionField<Ban>
          label="switchboard.bans.status"
          render={(ban) => (
            <Chip
              size="small"
              variant="outlined"
              color={statusColour[ban.status]}
              label={translate(`switchboard.bans.statuses.${ban.status}`)}
            />
          )}
        />
        <FunctionField<Ban>
          source="expiresAt"
          label="switchboard.bans.expiresAt"
          render={(ban) =>
            ban.expiresAt === null
              ? translate('switchboard.bans.permanent')
              : dateTime(ban.expiresAt)
          }
        />
        <FunctionField<Ban>
          label="switchboard.bans.bannedBy"
          render={(ban) =>
            `${ban.createdBy.name ?? ban.createdBy.id} (${translate(`switchboard.bans.roles.${ban.createdBy.role}`, { _: ban.createdBy.role })})`
          }
        />
        <DateField
          source="createdAt"
          label="switchboard.bans.createdAt"
          showTime
          locales={formatLocale}
        />
        <FunctionField<Ban>
          label="switchboard.bans.revokedBy"
          render={(ban) =>
            ban.revokedBy === null
              ? ''
              : [
                  `${ban.revokedBy.name ?? ban.revokedBy.id}, ${dateTime(ban.revokedAt)}`,
                  ban.revokeNote,
                ]
                  .filter(Boolean)
                  .join(' — ')
          }
        />
        {canManage && <RevokeButton />}
      </Datagrid>
    </List>
  );
};
