import { MenuItem, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import { type ControlProps, errorAt, idOf } from './controlProps.js';

/** One of the numbers listed beside it, or none. */
export const PhoneSelectControl = ({
  path,
  label,
  value,
  onChange,
  disabled,
  errors,
  help,
  choices,
}: ControlProps<string | null> & { choices: readonly string[] }) => {
  const translate = useTranslate();
  const error = errorAt(errors, path);
  const current = typeof value === 'string' ? value : '';
  const options = current !== '' && !choices.includes(current) ? [current, ...choices] : choices;
  return (
    <TextField
      select
      id={idOf(path)}
      label={label}
      size="small"
      sx={{ minWidth: 240 }}
      value={current}
      disabled={disabled}
      error={error !== undefined}
      helperText={error ?? help}
      onChange={(event) => onChange(event.target.value === '' ? null : event.target.value)}
    >
      <MenuItem value="">
        <em>{translate('switchboard.values.none')}</em>
      </MenuItem>
      {options
        .filter((number) => number !== '')
        .map((number) => (
          <MenuItem key={number} value={number}>
            {number}
          </MenuItem>
        ))}
    </TextField>
  );
};
