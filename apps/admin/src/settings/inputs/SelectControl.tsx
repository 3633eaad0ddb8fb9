import {
  FormControl,
  FormControlLabel,
  FormHelperText,
  FormLabel,
  Radio,
  RadioGroup,
} from '@mui/material';
import type { UiOption } from '@switchboard/settings-model';
import { useTranslate } from 'react-admin';
import { type ControlProps, errorAt, idOf } from './controlProps.js';

export const SelectControl = ({
  path,
  label,
  value,
  onChange,
  disabled,
  errors,
  help,
  options,
}: ControlProps & { options: readonly UiOption[] }) => {
  const translate = useTranslate();
  const error = errorAt(errors, path);
  const labelId = `${idOf(path)}-label`;
  return (
    <FormControl error={error !== undefined} disabled={disabled}>
      <FormLabel id={labelId}>{label}</FormLabel>
      <RadioGroup
        row
        aria-labelledby={labelId}
        value={typeof value === 'string' ? value : ''}
        onChange={(event) => onChange(event.target.value)}
      >
        {options.map((option) => (
          <FormControlLabel
            key={option.value}
            value={option.value}
            control={<Radio />}
            label={translate(option.labelKey)}
          />
        ))}
      </RadioGroup>
      {(error ?? help) && <FormHelperText>{error ?? help}</FormHelperText>}
    </FormControl>
  );
};
