import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import { Button, IconButton, Stack, TextField, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { ErrorMessages } from '../settingsDraft.js';
import { type Interval, nextInterval } from '../weeklyHours.js';
import { errorAt, idOf } from './controlProps.js';

interface IntervalsEditorProps {
  path: string;
  /** Names the day or date in each control's accessible label ("Monday from"). */
  dayLabel: string;
  intervals: readonly Interval[];
  onChange: (intervals: Interval[]) => void;
  disabled: boolean;
  errors: ErrorMessages;
}

/** One day's intervals: HH:MM from–to pairs (the end may be 24:00); none means closed. */
export const IntervalsEditor = ({
  path,
  dayLabel,
  intervals,
  onChange,
  disabled,
  errors,
}: IntervalsEditorProps) => {
  const translate = useTranslate();
  const update = (index: number, change: Partial<Interval>) =>
    onChange(intervals.map((interval, i) => (i === index ? { ...interval, ...change } : interval)));
  return (
    <Stack spacing={1}>
      {intervals.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {translate('switchboard.hours.closed')}
        </Typography>
      )}
      {intervals.map((interval, index) => (
        <Stack key={index} direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
          {(['start', 'end'] as const).map((side) => {
            const fieldPath = `${path}.${index}.${side}`;
            const error =
              errorAt(errors, fieldPath) ??
              (side === 'start' ? errorAt(errors, `${path}.${index}`) : undefined);
            return (
              <TextField
                key={side}
                id={idOf(fieldPath)}
                size="small"
                label={translate(`settings.common.interval.${side}.label`)}
                placeholder={side === 'end' ? '24:00' : '08:00'}
                value={interval[side]}
                disabled={disabled}
                error={error !== undefined}
                helperText={error}
                sx={{ width: 130 }}
                slotProps={{
                  htmlInput: {
                    inputMode: 'numeric',
                    'aria-label': translate(`switchboard.hours.${side}Of`, {
                      day: dayLabel,
                      index: index + 1,
                    }),
                  },
                }}
                onChange={(event) => update(index, { [side]: event.target.value })}
              />
            );
          })}
          <IconButton
            aria-label={translate('switchboard.hours.removeInterval', {
              day: dayLabel,
              index: index + 1,
            })}
            disabled={disabled}
            onClick={() => onChange(intervals.filter((_, i) => i !== index))}
          >
            <DeleteIcon />
          </IconButton>
        </Stack>
      ))}
      <div>
        <Button
          size="small"
          startIcon={<AddIcon />}
          disabled={disabled}
          aria-label={translate('switchboard.hours.addIntervalTo', { day: dayLabel })}
          onClick={() => onChange([...intervals, nextInterval(intervals)])}
        >
          {translate('switchboard.hours.addInterval')}
        </Button>
      </div>
    </Stack>
  );
};
