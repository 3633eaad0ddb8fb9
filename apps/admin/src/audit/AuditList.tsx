import { Box, Button, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import {
  Datagrid,
  DateField,
  DateTimeInput,
  FunctionField,
  List,
  SelectInput,
  TextField,
  TextInput,
  TopToolbar,
  useListContext,
  useTranslate,
} from 'react-admin';
import { useApi } from '../providers/ApiContext.js';
import { useFormatLocale } from '../i18n/useFormatLocale.js';
import { DownloadButton } from '../util/DownloadButton.js';
import { toIso, translatedChoices } from '../util/filters.js';
import { SearchFilter } from '../util/SearchFilter.js';

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

/** The CSV of the entries the list currently shows (same filter), fetched with the session. */
const CsvExportButton = () => {
  const { settings } = useApi();
  const filterValues = useListContext<AuditEntry>().filterValues as Record<string, unknown>;
  return (
    <DownloadButton
      label="switchboard.audit.exportCsv"
      fetchFile={() => settings.auditCsv(filterValues)}
      fallbackName="audit.csv"
    />
  );
};

const AuditActions = () => (
  <TopToolbar>
    <CsvExportButton />
  </TopToolbar>
);

const isAbsent = (value: unknown): boolean => value === null || value === undefined;

const hasChange = (entry: AuditEntry): boolean => !isAbsent(entry.before) || !isAbsent(entry.after);

const asText = (value: unknown): string => (isAbsent(value) ? '' : JSON.stringify(value));

/** The whole change as one line of text: shown clamped in the cell, in full on hover. */
export const changeSummary = (entry: AuditEntry): string =>
  hasChange(entry) ? `${asText(entry.before)} → ${asText(entry.after)}` : '';

/** Longer than this, three clamped lines of the column may hide part of it: offer it all. */
const LONG_CHANGE = 60;

const CHANGE_COLUMN_WIDTH = 360;

/** Before and after in full, pretty-printed and wrapped within the column. */
const FullChange = ({ entry }: { entry: AuditEntry }) => {
  const translate = useTranslate();
  return (
    <Stack spacing={1} sx={{ mt: 1 }}>
      {(['before', 'after'] as const).map((side) => (
        <Box key={side}>
          <Typography variant="subtitle2" component="h3">
            {translate(`switchboard.audit.${side}`)}
          </Typography>
          <Box
            component="pre"
            sx={{
              m: 0,
              whiteSpace: 'pre-wrap',
              overflowWrap: 'anywhere',
              fontFamily: 'monospace',
              fontSize: '0.8125rem',
            }}
          >
            {isAbsent(entry[side])
              ? translate('switchboard.audit.noValue')
              : JSON.stringify(entry[side], null, 2)}
          </Box>
        </Box>
      ))}
    </Stack>
  );
};

/**
 * A few lines of the change at most, the rest on hover or behind "Show all". JSON has no spaces
 * to wrap at, so without `anywhere` one long value widened the page past the viewport.
 */
const ChangeCell = ({ entry }: { entry: AuditEntry }) => {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const summary = changeSummary(entry);
  if (summary === '') return null;
  return (
    <Box sx={{ maxWidth: CHANGE_COLUMN_WIDTH }}>
      {open ? (
        <FullChange entry={entry} />
      ) : (
        <Box
          component="span"
          title={summary}
          data-testid="audit-change"
          sx={{
            display: '-webkit-box',
            WebkitLineClamp: 3,
            WebkitBoxOrient: 'vertical',
            overflow: 'hidden',
            overflowWrap: 'anywhere',
          }}
        >
          {summary}
        </Box>
      )}
      {summary.length > LONG_CHANGE && (
        <Button size="small" aria-expanded={open} onClick={() => setOpen((value) => !value)}>
          {translate(open ? 'switchboard.audit.showLess' : 'switchboard.audit.showAll')}
        </Button>
      )}
    </Box>
  );
};

export const AuditList = () => {
  const translate = useTranslate();
  const formatLocale = useFormatLocale();
  const filters = [
    <SearchFilter key="q" source="q" alwaysOn />,
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
      choices={translatedChoices(translate, AUDIT_OUTCOMES, 'switchboard.audit.outcomes.')}
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
        <DateField
          source="occurredAt"
          label="switchboard.audit.when"
          showTime
          locales={formatLocale}
        />
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
          render={(entry) => <ChangeCell entry={entry} />}
        />
      </Datagrid>
    </List>
  );
};
