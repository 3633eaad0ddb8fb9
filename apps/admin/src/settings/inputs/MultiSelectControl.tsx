import {
  Checkbox,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
} from '@mui/material';
import type { UiOption } from '@switchboard/settings-model';
import { useTranslate } from 'react-admin';
import { type ControlProps, errorAt, idOf } from './controlProps.js';

/** Checkboxes; the chosen values keep the order of the options. */
export const MultiSelectControl = ({
  path,
  label,
  value,
  onChange,
  disabled,
  errors,
  help,
  options,
}: ControlProps<string[] | undefined> & { options: readonly UiOption[] }) => {
  const translate = useTranslate();
  const chosen = value ?? [];
  const error = errorAt(errors, path, true);
  const labelId = `${idOf(path)}-label`;
  const toggle = (option: string, on: boolean) => {
    const next = options
      .map((candidate) => candidate.value)
      .filter((candidate) => (candidate === option ? on : chosen.includes(candidate)));
    onChange(next);
  };
  return (
    <FormControl
      component="fieldset"
      id={idOf(path)}
      error={error !== undefined}
      disabled={disabled}
    >
      <FormLabel component="legend" id={labelId}>
        {label}
      </FormLabel>
      <FormGroup row aria-labelledby={labelId}>
        {options.map((option) => (
          <FormControlLabel
            key={option.value}
            control={
              <Checkbox
                checked={chosen.includes(option.value)}
                onChange={(event) => toggle(option.value, event.target.checked)}
              />
            }
            label={translate(option.labelKey)}
          />
        ))}
      </FormGroup>
      {(error ?? help) && <FormHelperText>{error ?? help}</FormHelperText>}
    </FormControl>
  );
};
