import { TextField } from '@mui/material';
import { type ControlProps, errorAt, idOf } from './controlProps.js';

/** A single line (e-mail address, phone number); empty means "not set" (undefined). */
export const TextControl = ({
  path,
  label,
  value,
  onChange,
  disabled,
  errors,
  help,
  type = 'text',
}: ControlProps<string | undefined> & { type?: 'text' | 'email' | 'tel' }) => {
  const error = errorAt(errors, path);
  return (
    <TextField
      id={idOf(path)}
      label={label}
      type={type}
      size="small"
      fullWidth
      value={value ?? ''}
      disabled={disabled}
      error={error !== undefined}
      helperText={error ?? help}
      onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
    />
  );
};
