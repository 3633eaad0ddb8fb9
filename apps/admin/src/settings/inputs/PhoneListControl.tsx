import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import {
  Button,
  FormControl,
  FormHelperText,
  FormLabel,
  IconButton,
  Stack,
  TextField,
} from '@mui/material';
import { useTranslate } from 'react-admin';
import { type ControlProps, errorAt, idOf } from './controlProps.js';

/** Phone numbers in E.164, one box each; the model reports errors per item (`path.N`). */
export const PhoneListControl = ({
  path,
  label,
  value,
  onChange,
  disabled,
  errors,
  help,
}: ControlProps<string[] | undefined>) => {
  const translate = useTranslate();
  const numbers = value ?? [];
  const listError = errorAt(errors, path);
  return (
    <FormControl
      component="fieldset"
      id={idOf(path)}
      error={listError !== undefined}
      disabled={disabled}
    >
      <FormLabel component="legend">{label}</FormLabel>
      <Stack spacing={1} sx={{ mt: 1 }}>
        {numbers.map((number, index) => {
          const itemPath = `${path}.${index}`;
          const error = errorAt(errors, itemPath, true);
          return (
            <Stack key={index} direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
              <TextField
                id={idOf(itemPath)}
                size="small"
                type="tel"
                label={translate('switchboard.settings.phoneNumber', { index: index + 1 })}
                placeholder="+420123456789"
                value={number}
                disabled={disabled}
                error={error !== undefined}
                helperText={error}
                onChange={(event) =>
                  onChange(numbers.map((n, i) => (i === index ? event.target.value.trim() : n)))
                }
              />
              <IconButton
                aria-label={translate('switchboard.settings.removeNumber', { number })}
                disabled={disabled}
                onClick={() => onChange(numbers.filter((_, i) => i !== index))}
              >
                <DeleteIcon />
              </IconButton>
            </Stack>
          );
        })}
        <div>
          <Button
            startIcon={<AddIcon />}
            disabled={disabled}
            onClick={() => onChange([...numbers, ''])}
          >
            {translate('switchboard.settings.addNumber')}
          </Button>
        </div>
      </Stack>
      {(listError ?? help) && <FormHelperText>{listError ?? help}</FormHelperText>}
    </FormControl>
  );
};
