import { Box, Typography } from '@mui/material';
import {
  Datagrid,
  DateField,
  DateTimeInput,
  FunctionField,
  List,
  NumberField,
  SelectInput,
  TextField,
  TextInput,
  Title,
  TopToolbar,
  useListContext,
  useTranslate,
} from 'react-admin';
import { useFormatLocale } from '../i18n/useFormatLocale.js';
import { LEDGER_CATEGORIES, LEDGER_STATUSES } from '../providers/anonymizationApi.js';
import { useApi } from '../providers/ApiContext.js';
import { DownloadButton } from '../util/DownloadButton.js';
import { toIso, translatedChoices } from '../util/filters.js';

interface LedgerEntry {
  id: number;
  sessionId: string;
  category: (typeof LEDGER_CATEGORIES)[number];
  status: (typeof LEDGER_STATUSES)[number];
  method: string | null;
  outcome: string | null;
  itemCount: number | null;
  error: string | null;
  runId: string | null;
  updatedAt: string;
  doneAt: string | null;
}

/** The CSV of what the list shows (same filter): the proof a data-protection officer files. */
const LedgerActions = () => {
  const { anonymization } = useApi();
  const filterValues = useListContext<LedgerEntry>().filterValues as Record<string, unknown>;
  return (
    <TopToolbar>
      <DownloadButton
        label="switchboard.anonymization.exportCsv"
        fetchFile={() => anonymization.ledgerCsv(filterValues)}
        fallbackName="anonymization-ledger.csv"
      />
    </TopToolbar>
  );
};

/** Per session and category: what was anonymized, how, when, and by which run. */
export const LedgerPage = () => {
  const translate = useTranslate();
  const formatLocale = useFormatLocale();
  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Title title={translate('switchboard.anonymization.ledger')} />
      <Typography variant="h5" component="h1" sx={{ mb: 1 }}>
        {translate('switchboard.anonymization.ledger')}
      </Typography>
      <List
        resource="anonymization/ledger"
        title={false}
        disableSyncWithLocation
        sort={{ field: 'id', order: 'DESC' }}
        exporter={false}
        actions={<LedgerActions />}
        filters={[
          <TextInput
            key="sessionId"
            source="sessionId"
            label="switchboard.anonymization.session"
            alwaysOn
          />,
          <SelectInput
            key="category"
            source="category"
            label="switchboard.anonymization.category"
            choices={translatedChoices(
              translate,
              LEDGER_CATEGORIES,
              'switchboard.anonymization.categories.',
            )}
          />,
          <SelectInput
            key="status"
            source="status"
            label="switchboard.anonymization.status"
            choices={translatedChoices(
              translate,
              LEDGER_STATUSES,
              'switchboard.anonymization.itemStatuses.',
            )}
          />,
          <TextInput key="runId" source="runId" label="switchboard.anonymization.run" />,
          <DateTimeInput key="from" source="from" label="switchboard.audit.from" parse={toIso} />,
          <DateTimeInput key="to" source="to" label="switchboard.audit.to" parse={toIso} />,
        ]}
      >
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <TextField source="sessionId" label="switchboard.anonymization.session" />
          <FunctionField<LedgerEntry>
            source="category"
            label="switchboard.anonymization.category"
            sortable={false}
            render={(entry) => translate(`switchboard.anonymization.categories.${entry.category}`)}
          />
          <FunctionField<LedgerEntry>
            source="status"
            label="switchboard.anonymization.status"
            sortable={false}
            render={(entry) => translate(`switchboard.anonymization.itemStatuses.${entry.status}`)}
          />
          <FunctionField<LedgerEntry>
            label="switchboard.anonymization.outcome"
            sortable={false}
            render={(entry) =>
              entry.error ?? [entry.outcome, entry.method].filter(Boolean).join(' · ')
            }
          />
          <NumberField
            source="itemCount"
            label="switchboard.anonymization.itemCount"
            sortable={false}
            locales={formatLocale}
          />
          <DateField
            source="updatedAt"
            label="switchboard.anonymization.updated"
            showTime
            locales={formatLocale}
          />
        </Datagrid>
      </List>
    </Box>
  );
};
