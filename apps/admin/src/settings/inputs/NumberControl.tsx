import { InputAdornment, TextField } from '@mui/material';
import { type ControlProps, errorAt, idOf } from './controlProps.js';

/** A whole number; an empty box means "not set" (undefined). */
export const NumberControl = ({
  path,
  label,
  value,
  onChange,
  disabled,
  errors,
  help,
  unitLabel,
}: ControlProps<number | undefined> & { unitLabel?: string | undefined }) => {
  const error = errorAt(errors, path);
  return (
    <TextField
      id={idOf(path)}
      label={label}
      type="number"
      size="small"
      value={value ?? ''}
      disabled={disabled}
      error={error !== undefined}
      helperText={error ?? help}
      onChange={(event) => {
        const text = event.target.value;
        onChange(text === '' ? undefined : Number(text));
      }}
      slotProps={{
        htmlInput: { step: 1 },
        input: unitLabel
          ? { endAdornment: <InputAdornment position="end">{unitLabel}</InputAdornment> }
          : {},
      }}
    />
  );
};
