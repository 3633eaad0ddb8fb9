import {
  Datagrid,
  DateField,
  FunctionField,
  List,
  NumberField,
  SelectInput,
  TextField,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import type { Revision } from '../providers/settingsApi.js';
import { ExportButton, ImportButton } from './ExportImportButtons.js';
import { useFormatLocale } from '../i18n/useFormatLocale.js';

export const REVISION_KINDS = ['update', 'package_override', 'rollback', 'import'] as const;

const RevisionActions = () => (
  <TopToolbar>
    <ExportButton />
    <ImportButton />
  </TopToolbar>
);

export const RevisionList = () => {
  const translate = useTranslate();
  const formatLocale = useFormatLocale();
  const filters = [
    <SelectInput
      key="kind"
      source="kind"
      label="switchboard.history.kind"
      choices={REVISION_KINDS.map((kind) => ({
        id: kind,
        name: translate(`switchboard.history.kinds.${kind}`),
      }))}
      alwaysOn
    />,
  ];
  return (
    <List
      title="switchboard.history.title"
      sort={{ field: 'number', order: 'DESC' }}
      actions={<RevisionActions />}
      filters={filters}
      exporter={false}
    >
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <NumberField source="number" label="switchboard.history.number" />
        {/* A direct child: the Datagrid takes each column's header from its child's label. */}
        <FunctionField<Revision>
          source="kind"
          label="switchboard.history.kind"
          render={(record) => translate(`switchboard.history.kinds.${record.kind}`)}
        />
        <TextField source="actorName" label="switchboard.history.actor" emptyText="—" />
        <DateField
          source="createdAt"
          label="switchboard.history.when"
          showTime
          locales={formatLocale}
        />
        <FunctionField<Revision>
          label="switchboard.history.changeCount"
          render={(record) => record.changes.length}
        />
        <FunctionField<Revision>
          label="switchboard.history.rolledBackTo"
          render={(record) => (record.rolledBackTo === null ? '' : `#${record.rolledBackTo}`)}
        />
      </Datagrid>
    </List>
  );
};
