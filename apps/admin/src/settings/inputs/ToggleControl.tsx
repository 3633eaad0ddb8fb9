import { FormControl, FormControlLabel, FormHelperText, Switch } from '@mui/material';
import { type ControlProps, errorAt, idOf } from './controlProps.js';

export const ToggleControl = ({
  path,
  label,
  value,
  onChange,
  disabled,
  errors,
  help,
}: ControlProps) => {
  const error = errorAt(errors, path);
  return (
    <FormControl error={error !== undefined}>
      <FormControlLabel
        control={
          <Switch
            id={idOf(path)}
            checked={value === true}
            disabled={disabled}
            onChange={(event) => onChange(event.target.checked)}
          />
        }
        label={label}
      />
      {(error ?? help) && <FormHelperText>{error ?? help}</FormHelperText>}
    </FormControl>
  );
};
