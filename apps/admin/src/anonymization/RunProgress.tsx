import { Box, LinearProgress, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useFormatLocale } from '../i18n/useFormatLocale.js';
import { type AnonymizationRun, ITEM_STATUSES } from '../providers/anonymizationApi.js';

/** A run's progress bar and its outcome counts, as numbers in the panel language. */
export const RunProgress = ({ run }: { run: AnonymizationRun }) => {
  const translate = useTranslate();
  const formatLocale = useFormatLocale();
  const number = new Intl.NumberFormat(formatLocale);
  const percent = new Intl.NumberFormat(formatLocale, { style: 'percent' });
  const label = translate('switchboard.anonymization.progress', {
    processed: number.format(run.processed),
    total: number.format(run.total),
  });
  return (
    <Stack spacing={1}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
        <LinearProgress
          variant="determinate"
          value={Math.round(run.progress * 100)}
          aria-label={label}
          sx={{ flex: 1, height: 8, borderRadius: 1 }}
          data-testid="run-progress"
        />
        <Typography variant="body2" sx={{ minWidth: 48, textAlign: 'right' }}>
          {percent.format(run.progress)}
        </Typography>
      </Box>
      <Typography variant="body2">{label}</Typography>
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {ITEM_STATUSES.map((status) => (
          <Typography key={status} variant="body2" data-testid={`run-count-${status}`}>
            {translate(`switchboard.anonymization.itemStatuses.${status}`)}:{' '}
            <strong>{number.format(run.counts[status] ?? 0)}</strong>
          </Typography>
        ))}
      </Stack>
    </Stack>
  );
};
