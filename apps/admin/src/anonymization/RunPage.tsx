import {
  Alert,
  Box,
  Card,
  CardContent,
  CardHeader,
  LinearProgress,
  Stack,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import {
  Datagrid,
  DateField,
  FunctionField,
  NumberField,
  SelectInput,
  TextField,
  TextInput,
  Title,
  useTranslate,
} from 'react-admin';
import { useParams } from 'react-router';
import { useFormatLocale } from '../i18n/useFormatLocale.js';
import { ITEM_STATUSES, type AnonymizationRun } from '../providers/anonymizationApi.js';
import { useApi } from '../providers/ApiContext.js';
import { useLogoutOnDenied } from '../settings/useSettingsOverview.js';
import { DownloadButton } from '../util/DownloadButton.js';
import { ListCard } from '../util/ListCard.js';
import { QueryError } from '../util/QueryError.js';
import { POLL_MS } from './AnonymizationPage.js';
import { RunProgress } from './RunProgress.js';
import { translatedChoices } from '../util/filters.js';

interface RunItem {
  id: string;
  sessionId: string;
  seq: number;
  status: (typeof ITEM_STATUSES)[number];
  reason: string | null;
  error: string | null;
  attempts: number;
  finishedAt: string | null;
}

/** One run: its progress while it goes, the per-session outcomes, and its ledger as CSV. */
export const RunPage = () => {
  const translate = useTranslate();
  const formatLocale = useFormatLocale();
  const { anonymization } = useApi();
  const { runId = '' } = useParams();
  const query = useQuery<AnonymizationRun>({
    queryKey: ['switchboard', 'anonymization', 'run', runId],
    queryFn: () => anonymization.run(runId),
    retry: false,
    refetchInterval: (current) => (current.state.data?.status === 'running' ? POLL_MS : false),
  });
  useLogoutOnDenied(query.error);
  const run = query.data;
  const heading = translate('switchboard.anonymization.runHeading', {
    date: run ? new Date(run.createdAt).toLocaleString(formatLocale) : '',
  });
  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Title title={heading} />
      {query.isPending && <LinearProgress />}
      <QueryError error={query.error} />
      {run && (
        <Stack spacing={2}>
          <Card>
            <CardHeader
              title={heading}
              subheader={`${translate(`switchboard.anonymization.statuses.${run.status}`)} · ${translate(`switchboard.anonymization.triggers.${run.trigger}`)}`}
              slotProps={{ title: { component: 'h1', variant: 'h5' } }}
              action={
                <DownloadButton
                  label="switchboard.anonymization.ledgerCsv"
                  fetchFile={() => anonymization.runLedgerCsv(run.id)}
                  fallbackName={`anonymization-run-${run.id}.csv`}
                />
              }
            />
            <CardContent>
              <Stack spacing={1}>
                <RunProgress run={run} />
                {run.error && <Alert severity="error">{run.error}</Alert>}
                {run.sessionsPerSecond !== null && (
                  <Typography variant="body2" color="text.secondary">
                    {translate('switchboard.anonymization.rate', {
                      rate: new Intl.NumberFormat(formatLocale, {
                        maximumFractionDigits: 1,
                      }).format(run.sessionsPerSecond),
                    })}
                  </Typography>
                )}
              </Stack>
            </CardContent>
          </Card>
          <ListCard
            title={translate('switchboard.anonymization.items')}
            resource={`anonymization/runs/${run.id}/items`}
            sort={{ field: 'seq', order: 'ASC' }}
            filters={[
              <SelectInput
                key="status"
                source="status"
                label="switchboard.anonymization.status"
                choices={translatedChoices(
                  translate,
                  ITEM_STATUSES,
                  'switchboard.anonymization.itemStatuses.',
                )}
                alwaysOn
              />,
              <TextInput
                key="sessionId"
                source="sessionId"
                label="switchboard.anonymization.session"
                alwaysOn
              />,
            ]}
          >
            <Datagrid bulkActionButtons={false} rowClick={false}>
              <NumberField source="seq" label="#" />
              <TextField source="sessionId" label="switchboard.anonymization.session" />
              <FunctionField<RunItem>
                source="status"
                label="switchboard.anonymization.status"
                render={(item) =>
                  translate(`switchboard.anonymization.itemStatuses.${item.status}`)
                }
              />
              <FunctionField<RunItem>
                label="switchboard.anonymization.reason"
                sortable={false}
                render={(item) =>
                  item.reason === null
                    ? (item.error ?? '')
                    : translate(`switchboard.anonymization.reasons.${item.reason}`, {
                        _: item.reason,
                      })
                }
              />
              <DateField
                source="finishedAt"
                label="switchboard.anonymization.finished"
                showTime
                locales={formatLocale}
              />
            </Datagrid>
          </ListCard>
        </Stack>
      )}
    </Box>
  );
};
