import ReplayIcon from '@mui/icons-material/Replay';
import {
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  LinearProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Datagrid,
  DateField,
  NumberField,
  TextField,
  TextInput,
  Title,
  useNotify,
  usePermissions,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { useFormatLocale } from '../i18n/useFormatLocale.js';
import { useApi } from '../providers/ApiContext.js';
import { useLogoutOnDenied } from '../settings/useSettingsOverview.js';
import { ListCard } from '../util/ListCard.js';
import { QueryError } from '../util/QueryError.js';
import { useBusyAction } from '../util/useBusyAction.js';

export const JOB_STATES = ['scheduled', 'running', 'done', 'failed', 'dead'] as const;

interface JobStats {
  counts: { kind: string; state: (typeof JOB_STATES)[number]; count: number }[];
  oldestDueLagMs: number;
}

const STATS_KEY = ['switchboard', 'jobs', 'stats'] as const;

/** Sends one dead letter (a job or a webhook delivery) through again; admins only. */
const RetryButton = ({ path }: { path: (id: string) => string }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  const { client } = useApi();
  const record = useRecordContext<{ id: number | string }>();
  const [busy, run] = useBusyAction();
  if (!record) return null;
  const retry = () =>
    run(async () => {
      await client.request(path(String(record.id)), { method: 'POST' });
      notify('switchboard.jobs.retried', { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: STATS_KEY });
      refresh();
    });
  return (
    <Button size="small" startIcon={<ReplayIcon />} disabled={busy} onClick={() => void retry()}>
      {translate('switchboard.jobs.retry')}
    </Button>
  );
};

/** What went wrong and with what: shown when a dead letter's row is opened. */
const DeadLetterDetail = () => {
  const translate = useTranslate();
  const record = useRecordContext<{ lastError: string | null; payload: unknown }>();
  if (!record) return null;
  return (
    <Stack spacing={1} sx={{ py: 1 }}>
      <Typography variant="body2">
        <strong>{translate('switchboard.jobs.lastError')}:</strong> {record.lastError ?? '—'}
      </Typography>
      <Box
        component="pre"
        sx={{ m: 0, p: 1, bgcolor: 'action.hover', overflowX: 'auto', fontSize: 12 }}
      >
        {JSON.stringify(record.payload, null, 2)}
      </Box>
    </Stack>
  );
};

const StatsCard = () => {
  const translate = useTranslate();
  const formatLocale = useFormatLocale();
  const { client } = useApi();
  const query = useQuery<JobStats>({
    queryKey: STATS_KEY,
    queryFn: async () => (await client.request<JobStats>('/jobs/stats')).data,
    retry: false,
  });
  useLogoutOnDenied(query.error);
  const number = new Intl.NumberFormat(formatLocale);
  const kinds = [...new Set(query.data?.counts.map((row) => row.kind) ?? [])];
  const count = (kind: string, state: string) =>
    query.data?.counts.find((row) => row.kind === kind && row.state === state)?.count ?? 0;
  return (
    <Card>
      <CardHeader
        title={translate('switchboard.jobs.stats')}
        slotProps={{ title: { component: 'h2', variant: 'h6' } }}
      />
      <CardContent>
        {query.isPending && <LinearProgress />}
        <QueryError error={query.error} />
        {query.data && (
          <Stack spacing={2}>
            <Typography variant="body2">
              {translate('switchboard.jobs.lag', {
                seconds: number.format(Math.round(query.data.oldestDueLagMs / 1000)),
              })}
            </Typography>
            {kinds.length === 0 ? (
              <Typography variant="body2">{translate('switchboard.jobs.none')}</Typography>
            ) : (
              <Box sx={{ overflowX: 'auto' }}>
                <Table size="small" aria-label={translate('switchboard.jobs.stats')}>
                  <TableHead>
                    <TableRow>
                      <TableCell>{translate('switchboard.jobs.kind')}</TableCell>
                      {JOB_STATES.map((state) => (
                        <TableCell key={state} align="right">
                          {translate(`switchboard.jobs.states.${state}`)}
                        </TableCell>
                      ))}
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {kinds.map((kind) => (
                      <TableRow key={kind}>
                        <TableCell component="th" scope="row">
                          {kind}
                        </TableCell>
                        {JOB_STATES.map((state) => (
                          <TableCell key={state} align="right">
                            {number.format(count(kind, state))}
                          </TableCell>
                        ))}
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </Box>
            )}
          </Stack>
        )}
      </CardContent>
    </Card>
  );
};

/** Jobs and webhook deliveries that failed for good, with what went wrong and a retry. */
export const JobsPage = () => {
  const translate = useTranslate();
  const formatLocale = useFormatLocale();
  const { permissions } = usePermissions<string[]>();
  const isAdmin = permissions?.includes('admin') ?? false;
  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Title title={translate('switchboard.jobs.title')} />
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
        {translate('switchboard.jobs.title')}
      </Typography>
      <Stack spacing={2}>
        <StatsCard />
        <ListCard
          title={translate('switchboard.jobs.deadJobs')}
          subheader={translate('switchboard.jobs.deadJobsHelp')}
          resource="jobs/dead-letters"
          sort={{ field: 'id', order: 'DESC' }}
          filters={[<TextInput key="kind" source="kind" label="switchboard.jobs.kind" alwaysOn />]}
        >
          <Datagrid bulkActionButtons={false} rowClick="expand" expand={<DeadLetterDetail />}>
            <TextField source="kind" label="switchboard.jobs.kind" />
            <TextField source="key" label="switchboard.jobs.key" sortable={false} />
            <NumberField source="attempts" label="switchboard.jobs.attempts" />
            <DateField
              source="finishedAt"
              label="switchboard.jobs.failedAt"
              showTime
              locales={formatLocale}
            />
            {isAdmin && <RetryButton path={(id) => `/jobs/dead-letters/${id}/retry`} />}
          </Datagrid>
        </ListCard>
        {isAdmin && (
          <ListCard
            title={translate('switchboard.jobs.deadWebhooks')}
            subheader={translate('switchboard.jobs.deadWebhooksHelp')}
            resource="inbox/dead-letters"
            sort={{ field: 'id', order: 'DESC' }}
            filters={[
              <TextInput
                key="eventType"
                source="eventType"
                label="switchboard.jobs.eventType"
                alwaysOn
              />,
            ]}
          >
            <Datagrid bulkActionButtons={false} rowClick="expand" expand={<DeadLetterDetail />}>
              <TextField source="eventType" label="switchboard.jobs.eventType" />
              <NumberField source="attempts" label="switchboard.jobs.attempts" />
              <DateField
                source="receivedAt"
                label="switchboard.jobs.receivedAt"
                showTime
                locales={formatLocale}
              />
              <RetryButton path={(id) => `/inbox/dead-letters/${id}/retry`} />
            </Datagrid>
          </ListCard>
        )}
      </Stack>
    </Box>
  );
};
