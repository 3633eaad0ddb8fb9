import { Autocomplete, TextField } from '@mui/material';
import { type ControlProps, errorAt, idOf } from './controlProps.js';

const zones = (): string[] => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Europe/Prague', 'Europe/Bratislava', 'Europe/London', 'UTC'];
  }
};

/** An IANA zone name: suggestions from Intl, free text allowed (the model checks it). */
export const TimeZoneControl = ({
  path,
  label,
  value,
  onChange,
  disabled,
  errors,
  help,
}: ControlProps<string | undefined>) => {
  const error = errorAt(errors, path);
  return (
    <Autocomplete
      id={idOf(path)}
      freeSolo
      options={zones()}
      value={value ?? ''}
      disabled={disabled}
      onInputChange={(_event, text) => onChange(text)}
      sx={{ maxWidth: 320 }}
      renderInput={(params) => (
        <TextField
          {...params}
          size="small"
          label={label}
          error={error !== undefined}
          helperText={error ?? help}
        />
      )}
    />
  );
};
