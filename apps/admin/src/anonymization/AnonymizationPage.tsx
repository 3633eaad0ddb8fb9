import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import StopIcon from '@mui/icons-material/Stop';
import {
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  LinearProgress,
  Stack,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import {
  Datagrid,
  DateField,
  FunctionField,
  NumberField,
  SelectInput,
  Title,
  useNotify,
  usePermissions,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { Link as RouterLink, useNavigate } from 'react-router';
import { useFormatLocale } from '../i18n/useFormatLocale.js';
import {
  type AnonymizationRun,
  type AnonymizationStatus,
  RUN_STATUSES,
} from '../providers/anonymizationApi.js';
import { useApi } from '../providers/ApiContext.js';
import { useLogoutOnDenied } from '../settings/useSettingsOverview.js';
import { RunProgress } from './RunProgress.js';
import { ListCard } from '../util/ListCard.js';
import { QueryError } from '../util/QueryError.js';
import { useBusyAction } from '../util/useBusyAction.js';
import { translatedChoices } from '../util/filters.js';

/** How often a running run's progress is asked for. */
export const POLL_MS = 1500;

const STATUS_KEY = ['switchboard', 'anonymization', 'status'] as const;

interface Rule {
  enabled: boolean;
  olderThanDays?: number;
  channels?: string[];
  window?: { start: string; end: string };
  timeZone?: string;
}

const RuleSummary = ({ rule }: { rule: unknown }) => {
  const translate = useTranslate();
  const value = (rule ?? { enabled: false }) as Rule;
  if (!value.enabled) {
    return <Typography>{translate('switchboard.anonymization.ruleOff')}</Typography>;
  }
  const channels =
    value.channels && value.channels.length > 0
      ? value.channels
          .map((channel) => translate(`settings.options.sessionChannel.${channel}`))
          .join(', ')
      : translate('switchboard.anonymization.allChannels');
  return (
    <Typography>
      {translate('switchboard.anonymization.ruleOn', {
        smart_count: value.olderThanDays ?? 0,
        channels,
        start: value.window?.start ?? '',
        end: value.window?.end ?? '',
        timeZone: value.timeZone ?? '',
      })}
    </Typography>
  );
};

const ActiveRun = ({ run, canRun }: { run: AnonymizationRun; canRun: boolean }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { anonymization } = useApi();
  const [busy, act] = useBusyAction();
  const cancel = () =>
    act(async () => {
      try {
        await anonymization.cancel(run.id);
        notify('switchboard.anonymization.cancelled', { type: 'info' });
      } finally {
        await queryClient.invalidateQueries({ queryKey: STATUS_KEY });
      }
    });
  return (
    <Stack spacing={2} data-testid="active-run">
      <Typography variant="subtitle1" component="h3">
        {translate('switchboard.anonymization.running')}
      </Typography>
      <RunProgress run={run} />
      {canRun && (
        <Box>
          <Button
            color="error"
            variant="outlined"
            startIcon={<StopIcon />}
            disabled={busy}
            onClick={() => void cancel()}
          >
            {translate('switchboard.anonymization.cancel')}
          </Button>
        </Box>
      )}
    </Stack>
  );
};

const RunsList = () => {
  const translate = useTranslate();
  const formatLocale = useFormatLocale();
  const navigate = useNavigate();
  const percent = new Intl.NumberFormat(formatLocale, { style: 'percent' });
  return (
    <ListCard
      title={translate('switchboard.anonymization.runs')}
      action={
        <Button component={RouterLink} to="/anonymization/ledger">
          {translate('switchboard.anonymization.ledger')}
        </Button>
      }
      resource="anonymization/runs"
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={10}
      filters={[
        <SelectInput
          key="status"
          source="status"
          label="switchboard.anonymization.status"
          choices={translatedChoices(
            translate,
            RUN_STATUSES,
            'switchboard.anonymization.statuses.',
          )}
        />,
      ]}
    >
      <Datagrid
        bulkActionButtons={false}
        rowClick={(id) => {
          void navigate(`/anonymization/runs/${String(id)}`);
          return false;
        }}
      >
        <DateField
          source="createdAt"
          label="switchboard.anonymization.started"
          showTime
          locales={formatLocale}
        />
        <FunctionField<AnonymizationRun>
          source="trigger"
          label="switchboard.anonymization.trigger"
          sortable={false}
          render={(run) => translate(`switchboard.anonymization.triggers.${run.trigger}`)}
        />
        <FunctionField<AnonymizationRun>
          source="status"
          label="switchboard.anonymization.status"
          render={(run) => translate(`switchboard.anonymization.statuses.${run.status}`)}
        />
        <FunctionField<AnonymizationRun>
          label="switchboard.anonymization.progressColumn"
          sortable={false}
          render={(run) => percent.format(run.progress)}
        />
        <NumberField
          source="total"
          label="switchboard.anonymization.total"
          locales={formatLocale}
        />
        <NumberField
          source="counts.done"
          label="switchboard.anonymization.itemStatuses.done"
          sortable={false}
          locales={formatLocale}
        />
        <NumberField
          source="counts.failed"
          label="switchboard.anonymization.itemStatuses.failed"
          sortable={false}
          locales={formatLocale}
        />
        <DateField
          source="finishedAt"
          label="switchboard.anonymization.finished"
          showTime
          sortable={false}
          locales={formatLocale}
        />
      </Datagrid>
    </ListCard>
  );
};

/** Automatic anonymization: the saved rule, the run in progress, past runs, the ledger. */
export const AnonymizationPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  const { anonymization } = useApi();
  const { permissions } = usePermissions<string[]>();
  const canRun = permissions?.includes('admin') ?? false;
  const [starting, act] = useBusyAction();
  const query = useQuery<AnonymizationStatus>({
    queryKey: STATUS_KEY,
    queryFn: () => anonymization.status(),
    retry: false,
    // Poll while a run is going, so the bar moves; stop once it ends.
    refetchInterval: (current) => (current.state.data?.activeRun ? POLL_MS : false),
  });
  useLogoutOnDenied(query.error);
  const status = query.data;
  // A run that starts or ends changes the runs list below: fetch it again (not on first load).
  const runState =
    status === undefined
      ? undefined
      : `${status.activeRun?.id ?? ''}:${status.lastRun?.id ?? ''}:${status.lastRun?.status ?? ''}`;
  const seenRunState = useRef(runState);
  useEffect(() => {
    if (runState === undefined || seenRunState.current === runState) return;
    const first = seenRunState.current === undefined;
    seenRunState.current = runState;
    if (!first) refresh();
  }, [runState, refresh]);
  const ruleOn = (status?.rule as Rule | null)?.enabled === true;

  const start = () =>
    act(async () => {
      try {
        await anonymization.start();
        notify('switchboard.anonymization.runStarted', { type: 'info' });
      } finally {
        await queryClient.invalidateQueries({ queryKey: STATUS_KEY });
        refresh();
      }
    });

  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Title title={translate('switchboard.anonymization.title')} />
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
        {translate('switchboard.anonymization.title')}
      </Typography>
      {query.isPending && <LinearProgress />}
      <QueryError error={query.error} />
      {status && (
        <Stack spacing={2}>
          <Card>
            <CardHeader
              title={translate('switchboard.anonymization.rule')}
              slotProps={{ title: { component: 'h2', variant: 'h6' } }}
              action={
                <Button component={RouterLink} to="/settings/general">
                  {translate('switchboard.anonymization.editRule')}
                </Button>
              }
            />
            <CardContent>
              <Stack spacing={2}>
                <RuleSummary rule={status.rule} />
                <Typography variant="body2" color="text.secondary">
                  {translate('switchboard.anonymization.index', {
                    indexed: status.index.indexed,
                    anonymized: status.index.anonymized,
                  })}
                </Typography>
                {status.activeRun ? (
                  <ActiveRun run={status.activeRun} canRun={canRun} />
                ) : (
                  canRun &&
                  ruleOn && (
                    <Box>
                      <Button
                        variant="contained"
                        startIcon={<PlayArrowIcon />}
                        disabled={starting}
                        onClick={() => void start()}
                      >
                        {translate('switchboard.anonymization.runNow')}
                      </Button>
                    </Box>
                  )
                )}
                {!status.activeRun && status.lastRun && (
                  <Stack spacing={1}>
                    <Typography variant="subtitle1" component="h3">
                      {translate('switchboard.anonymization.lastRun', {
                        status: translate(
                          `switchboard.anonymization.statuses.${status.lastRun.status}`,
                        ),
                      })}
                    </Typography>
                    <RunProgress run={status.lastRun} />
                  </Stack>
                )}
              </Stack>
            </CardContent>
          </Card>
          <RunsList />
        </Stack>
      )}
    </Box>
  );
};
