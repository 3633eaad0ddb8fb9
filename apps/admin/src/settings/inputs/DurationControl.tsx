import { MenuItem, Stack, TextField } from '@mui/material';
import type { DurationUnit } from '@switchboard/settings-model';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { changeUnit, splitDuration, toSeconds } from '../duration.js';
import { type ControlProps, errorAt, idOf } from './controlProps.js';

/** An amount and a unit; the value is stored in seconds whatever unit is shown. */
export const DurationControl = ({
  path,
  label,
  value,
  onChange,
  disabled,
  errors,
  help,
  units,
}: ControlProps<number> & { units: readonly DurationUnit[] }) => {
  const translate = useTranslate();
  const seconds = typeof value === 'number' ? value : 0;
  const [unit, setUnit] = useState<DurationUnit>(() => splitDuration(seconds, units).unit);
  // What the box shows while typing ('' or '1.'), kept apart from the stored seconds.
  const [text, setText] = useState<string | undefined>(undefined);
  const shown = text ?? String(changeUnit(seconds, unit).amount);
  const error = errorAt(errors, path);
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
      <TextField
        id={idOf(path)}
        label={label}
        type="number"
        size="small"
        value={shown}
        disabled={disabled}
        error={error !== undefined}
        helperText={error ?? help}
        slotProps={{ htmlInput: { min: 0, step: 'any' } }}
        onChange={(event) => {
          setText(event.target.value);
          const amount = Number(event.target.value);
          if (event.target.value !== '' && Number.isFinite(amount))
            onChange(toSeconds(amount, unit));
        }}
        onBlur={() => setText(undefined)}
      />
      <TextField
        select
        size="small"
        id={`${idOf(path)}-unit`}
        label={translate('switchboard.settings.unit')}
        value={unit}
        disabled={disabled}
        onChange={(event) => {
          setUnit(event.target.value as DurationUnit);
          setText(undefined);
        }}
      >
        {units.map((candidate) => (
          <MenuItem key={candidate} value={candidate}>
            {translate(`settings.units.${candidate}`)}
          </MenuItem>
        ))}
      </TextField>
    </Stack>
  );
};
