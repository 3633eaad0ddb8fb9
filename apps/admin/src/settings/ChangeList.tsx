import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { SettingChangeRecord } from '../providers/ApiProblem.js';
import { formatSettingValue, settingLabel } from './formatValue.js';

/** Tenant changes first, then each package's, in the order given. */
function groupsOf(changes: readonly SettingChangeRecord[]) {
  const groups = new Map<string, SettingChangeRecord[]>();
  for (const change of changes) {
    const group = change.scope === 'package' ? `package:${change.packageId ?? ''}` : 'tenant';
    groups.set(group, [...(groups.get(group) ?? []), change]);
  }
  return [...groups.entries()].sort(([a], [b]) =>
    a === 'tenant' ? -1 : b === 'tenant' ? 1 : a.localeCompare(b),
  );
}

/** A readable diff: setting label, before → after, grouped per package. */
export const ChangeList = ({
  changes,
  caption,
}: {
  changes: readonly SettingChangeRecord[];
  caption?: string;
}) => {
  const translate = useTranslate();
  if (changes.length === 0) {
    return <Typography color="text.secondary">{translate('switchboard.changes.none')}</Typography>;
  }
  return (
    <>
      {groupsOf(changes).map(([group, items]) => {
        const title =
          group === 'tenant'
            ? translate('switchboard.changes.tenant')
            : translate('switchboard.changes.package', {
                packageId: group.slice('package:'.length),
              });
        return (
          <Table
            key={group}
            size="small"
            aria-label={caption ? `${caption}: ${title}` : title}
            sx={{ mb: 2 }}
          >
            <TableHead>
              <TableRow>
                <TableCell colSpan={3}>
                  <Typography variant="subtitle2">{title}</Typography>
                </TableCell>
              </TableRow>
              <TableRow>
                <TableCell>{translate('switchboard.changes.setting')}</TableCell>
                <TableCell>{translate('switchboard.changes.before')}</TableCell>
                <TableCell>{translate('switchboard.changes.after')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map((change, index) => (
                <TableRow key={`${change.key}-${index}`}>
                  <TableCell component="th" scope="row">
                    {settingLabel(change.key, translate)}
                  </TableCell>
                  <TableCell>{formatSettingValue(change.key, change.before, translate)}</TableCell>
                  <TableCell>
                    <span aria-hidden="true">→ </span>
                    {formatSettingValue(change.key, change.after, translate)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        );
      })}
    </>
  );
};
