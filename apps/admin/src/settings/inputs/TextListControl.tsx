import AddIcon from '@mui/icons-material/Add';
import {
  Box,
  Button,
  Chip,
  FormControl,
  FormHelperText,
  FormLabel,
  Stack,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { type ControlProps, errorAt, idOf } from './controlProps.js';

/** Free-text items shown as chips (file extensions, tags, package ids); Enter adds one. */
export const TextListControl = ({
  path,
  label,
  value,
  onChange,
  disabled,
  errors,
  help,
}: ControlProps<string[] | undefined>) => {
  const translate = useTranslate();
  const [draft, setDraft] = useState('');
  const items = value ?? [];
  const error = errorAt(errors, path, true);
  const add = () => {
    const parts = draft
      .split(/[,;\s]+/)
      .map((part) => part.trim())
      .filter((part) => part !== '');
    if (parts.length === 0) return;
    onChange([...items, ...parts]);
    setDraft('');
  };
  return (
    <FormControl component="fieldset" error={error !== undefined} disabled={disabled} fullWidth>
      <FormLabel component="legend">{label}</FormLabel>
      <Box
        sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5, my: 1 }}
        role="list"
        aria-label={label}
      >
        {items.map((item, index) => (
          <Chip
            role="listitem"
            key={`${item}-${index}`}
            label={item}
            color={errors[`${path}.${index}`] ? 'error' : 'default'}
            onDelete={disabled ? undefined : () => onChange(items.filter((_, i) => i !== index))}
          />
        ))}
      </Box>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <TextField
          id={idOf(path)}
          size="small"
          label={translate('switchboard.settings.newItem', { field: label })}
          value={draft}
          disabled={disabled}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
        />
        <Button startIcon={<AddIcon />} disabled={disabled || draft.trim() === ''} onClick={add}>
          {translate('switchboard.settings.add')}
        </Button>
      </Stack>
      {(error ?? help) && <FormHelperText>{error ?? help}</FormHelperText>}
    </FormControl>
  );
};
