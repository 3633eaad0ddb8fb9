import { FormControl, FormHelperText, FormLabel, Stack, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { Interval } from '../weeklyHours.js';
import { type ControlProps, errorAt, idOf } from './controlProps.js';

/** From–to times of day; `24:00` is typed as text where an interval may end at midnight. */
export const TimeWindowControl = ({
  path,
  label,
  value,
  onChange,
  disabled,
  errors,
  help,
}: ControlProps<Interval | undefined>) => {
  const translate = useTranslate();
  const window = value ?? { start: '00:00', end: '00:00' };
  const ownError = errorAt(errors, path);
  return (
    <FormControl
      component="fieldset"
      id={idOf(path)}
      error={ownError !== undefined}
      disabled={disabled}
    >
      <FormLabel component="legend">{label}</FormLabel>
      <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
        {(['start', 'end'] as const).map((side) => {
          const error = errorAt(errors, `${path}.${side}`);
          return (
            <TextField
              key={side}
              id={idOf(`${path}.${side}`)}
              size="small"
              type="time"
              label={translate(`settings.common.interval.${side}.label`)}
              value={window[side]}
              disabled={disabled}
              error={error !== undefined}
              helperText={error}
              onChange={(event) => onChange({ ...window, [side]: event.target.value })}
              slotProps={{ inputLabel: { shrink: true } }}
            />
          );
        })}
      </Stack>
      {(ownError ?? help) && <FormHelperText>{ownError ?? help}</FormHelperText>}
    </FormControl>
  );
};
