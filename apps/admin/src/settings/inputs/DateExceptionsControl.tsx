import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import {
  Box,
  Button,
  FormControl,
  FormHelperText,
  FormLabel,
  IconButton,
  Stack,
  TextField,
} from '@mui/material';
import { useTranslate } from 'react-admin';
import {
  type ExceptionDate,
  addException,
  removeException,
  updateException,
} from '../weeklyHours.js';
import { type ControlProps, errorAt, idOf } from './controlProps.js';
import { IntervalsEditor } from './IntervalsEditor.js';

const today = () => new Date().toISOString().slice(0, 10);

/** Dates with their own hours (holidays); a date without intervals is closed all day. */
export const DateExceptionsControl = ({
  path,
  label,
  value,
  onChange,
  disabled,
  errors,
  help,
}: ControlProps<ExceptionDate[] | undefined>) => {
  const translate = useTranslate();
  const exceptions = value ?? [];
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
      <Stack spacing={2} sx={{ mt: 1 }}>
        {exceptions.map((exception, index) => {
          const itemPath = `${path}.${index}`;
          const dateError = errorAt(errors, `${itemPath}.date`);
          const noteError = errorAt(errors, `${itemPath}.note`);
          return (
            <Box key={index} sx={{ borderLeft: 3, borderColor: 'divider', pl: 2 }}>
              <Stack direction="row" spacing={1} sx={{ mb: 1, alignItems: 'flex-start' }}>
                <TextField
                  id={idOf(`${itemPath}.date`)}
                  size="small"
                  type="date"
                  label={translate('settings.chat.offlineCallback.exceptions.date.label')}
                  value={exception.date}
                  disabled={disabled}
                  error={dateError !== undefined}
                  helperText={dateError}
                  slotProps={{ inputLabel: { shrink: true } }}
                  onChange={(event) =>
                    onChange(updateException(exceptions, index, { date: event.target.value }))
                  }
                />
                <TextField
                  id={idOf(`${itemPath}.note`)}
                  size="small"
                  label={translate('settings.chat.offlineCallback.exceptions.note.label')}
                  value={exception.note ?? ''}
                  disabled={disabled}
                  error={noteError !== undefined}
                  helperText={noteError}
                  onChange={(event) =>
                    onChange(updateException(exceptions, index, { note: event.target.value }))
                  }
                />
                <IconButton
                  aria-label={translate('switchboard.hours.removeDate', { date: exception.date })}
                  disabled={disabled}
                  onClick={() => onChange(removeException(exceptions, index))}
                >
                  <DeleteIcon />
                </IconButton>
              </Stack>
              <IntervalsEditor
                path={`${itemPath}.intervals`}
                dayLabel={exception.date}
                intervals={exception.intervals}
                disabled={disabled}
                errors={errors}
                onChange={(intervals) =>
                  onChange(updateException(exceptions, index, { intervals }))
                }
              />
            </Box>
          );
        })}
        <div>
          <Button
            startIcon={<AddIcon />}
            disabled={disabled}
            onClick={() => onChange(addException(exceptions, today()))}
          >
            {translate('switchboard.hours.addDate')}
          </Button>
        </div>
      </Stack>
      {(ownError ?? help) && <FormHelperText>{ownError ?? help}</FormHelperText>}
    </FormControl>
  );
};
