import DownloadIcon from '@mui/icons-material/Download';
import { Button } from '@mui/material';
import { useState } from 'react';
import {
  Datagrid,
  DateField,
  DateTimeInput,
  FunctionField,
  List,
  SearchInput,
  SelectInput,
  TextField,
  TextInput,
  TopToolbar,
  useListContext,
  useNotify,
  useTranslate,
} from 'react-admin';
import { isApiProblem } from '../providers/ApiProblem.js';
import { useApi } from '../providers/ApiContext.js';
import { saveBlob } from '../util/saveBlob.js';

export const AUDIT_OUTCOMES = ['success', 'denied', 'failed'] as const;

export interface AuditEntry {
  id: number;
  occurredAt: string;
  actorType: 'user' | 'host' | 'system';
  actorId: string;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  outcome: (typeof AUDIT_OUTCOMES)[number];
  details: Record<string, unknown> | null;
}

/** The API wants ISO date-times with an offset; the date-time input gives a local date. */
const toIso = (value: unknown): string | undefined => {
  if (value === null || value === undefined || value === '') return undefined;
  const date = new Date(value as string);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
};

/** The CSV of the entries the list currently shows (same filter), fetched with the session. */
const CsvExportButton = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const { settings } = useApi();
  const filterValues: Record<string, unknown> = useListContext<AuditEntry>().filterValues as Record<
    string,
    unknown
  >;
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const { blob, fileName } = await settings.auditCsv(filterValues);
      saveBlob(blob, fileName ?? 'audit.csv');
    } catch (error) {
      notify(isApiProblem(error) ? error.message : 'ra.notification.http_error', { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="small" startIcon={<DownloadIcon />} disabled={busy} onClick={() => void run()}>
      {translate('switchboard.audit.exportCsv')}
    </Button>
  );
};

const AuditActions = () => (
  <TopToolbar>
    <CsvExportButton />
  </TopToolbar>
);

const compact = (value: unknown): string =>
  value === null || value === undefined ? '' : JSON.stringify(value).slice(0, 200);

export const AuditList = () => {
  const translate = useTranslate();
  const filters = [
    <SearchInput key="q" source="q" alwaysOn />,
    <TextInput
      key="action"
      source="action"
      label="switchboard.audit.action"
      helperText="switchboard.audit.actionHelp"
    />,
    <TextInput key="actorId" source="actorId" label="switchboard.audit.actorId" />,
    <SelectInput
      key="outcome"
      source="outcome"
      label="switchboard.audit.outcome"
      choices={AUDIT_OUTCOMES.map((outcome) => ({
        id: outcome,
        name: translate(`switchboard.audit.outcomes.${outcome}`),
      }))}
    />,
    <DateTimeInput key="from" source="from" label="switchboard.audit.from" parse={toIso} />,
    <DateTimeInput key="to" source="to" label="switchboard.audit.to" parse={toIso} />,
  ];
  return (
    <List
      title="switchboard.audit.title"
      sort={{ field: 'occurredAt', order: 'DESC' }}
      filters={filters}
      actions={<AuditActions />}
      exporter={false}
    >
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <DateField source="occurredAt" label="switchboard.audit.when" showTime />
        <FunctionField<AuditEntry>
          label="switchboard.audit.actor"
          render={(entry) =>
            `${entry.actorName ?? entry.actorId} (${translate(`switchboard.audit.actorTypes.${entry.actorType}`)})`
          }
        />
        <TextField source="action" label="switchboard.audit.action" />
        <FunctionField<AuditEntry>
          label="switchboard.audit.target"
          render={(entry) => [entry.targetType, entry.targetId].filter(Boolean).join(' ')}
        />
        <FunctionField<AuditEntry>
          source="outcome"
          label="switchboard.audit.outcome"
          render={(entry) => translate(`switchboard.audit.outcomes.${entry.outcome}`)}
        />
        <FunctionField<AuditEntry>
          label="switchboard.audit.change"
          sortable={false}
          render={(entry) =>
            entry.before === null && entry.after === null
              ? ''
              : `${compact(entry.before)} → ${compact(entry.after)}`
          }
        />
      </Datagrid>
    </List>
  );
};
