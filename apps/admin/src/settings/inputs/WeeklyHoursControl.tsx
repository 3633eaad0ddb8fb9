import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import {
  Button,
  FormControl,
  FormHelperText,
  FormLabel,
  Table,
  TableBody,
  TableCell,
  TableRow,
} from '@mui/material';
import { WEEKDAYS } from '@switchboard/settings-model';
import { useTranslate } from 'react-admin';
import { type WeeklyHours, copyDay, emptyWeek } from '../weeklyHours.js';
import { type ControlProps, errorAt, idOf } from './controlProps.js';
import { IntervalsEditor } from './IntervalsEditor.js';

const WORKING_DAYS = ['tue', 'wed', 'thu', 'fri'] as const;

/** Per weekday, several intervals; overlap and order errors come from the model, per interval. */
export const WeeklyHoursControl = ({
  path,
  label,
  value,
  onChange,
  disabled,
  errors,
  help,
}: ControlProps<WeeklyHours | undefined>) => {
  const translate = useTranslate();
  const week = value ?? emptyWeek();
  const ownError = errorAt(errors, path);
  return (
    <FormControl
      component="fieldset"
      id={idOf(path)}
      error={ownError !== undefined}
      disabled={disabled}
      fullWidth
    >
      <FormLabel component="legend">{label}</FormLabel>
      <Table size="small" aria-label={label}>
        <TableBody>
          {WEEKDAYS.map((day) => {
            const dayLabel = translate(`settings.options.weekday.${day}`);
            return (
              <TableRow key={day}>
                <TableCell
                  component="th"
                  scope="row"
                  sx={{ width: 140, verticalAlign: 'top', pt: 2 }}
                >
                  {dayLabel}
                </TableCell>
                <TableCell>
                  <IntervalsEditor
                    path={`${path}.${day}`}
                    dayLabel={dayLabel}
                    intervals={week[day]}
                    disabled={disabled}
                    errors={errors}
                    onChange={(intervals) => onChange({ ...week, [day]: intervals })}
                  />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <div>
        <Button
          size="small"
          startIcon={<ContentCopyIcon />}
          disabled={disabled}
          onClick={() => onChange(copyDay(week, 'mon', WORKING_DAYS))}
        >
          {translate('switchboard.hours.copyMonday')}
        </Button>
      </div>
      {(ownError ?? help) && <FormHelperText>{ownError ?? help}</FormHelperText>}
    </FormControl>
  );
};
