import { Alert, Chip, CircularProgress, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { usePermissions, useTranslate } from 'react-admin';
import { useFormatLocale } from '../i18n/useFormatLocale.js';
import type { DryRunResult } from '../providers/anonymizationApi.js';
import { isApiProblem } from '../providers/ApiProblem.js';
import { useApi } from '../providers/ApiContext.js';

/** Waits for the admin to stop typing before asking the backend to count. */
export const DRY_RUN_DELAY_MS = 400;

type DryRunState =
  | { phase: 'off' }
  | { phase: 'counting' }
  | { phase: 'done'; result: DryRunResult }
  | { phase: 'failed'; message: string };

/** Dry runs are for admins and supervisors (the API refuses viewers). */
export const canDryRun = (roles: readonly string[] | undefined): boolean =>
  roles?.some((role) => role === 'admin' || role === 'supervisor') ?? false;

/**
 * The live count beside the anonymization rule: what the rule being edited would anonymize if it
 * were saved now, counted by the backend (the same query a run uses), before anything is saved.
 */
export const AnonymizationDryRun = ({ rule, invalid }: { rule: unknown; invalid: boolean }) => {
  const translate = useTranslate();
  const { anonymization } = useApi();
  const { permissions } = usePermissions<string[]>();
  const formatLocale = useFormatLocale();
  // A rule switched off anonymizes nothing: no need to ask.
  const switchedOn = (rule as { enabled?: unknown } | null)?.enabled === true;
  const active = canDryRun(permissions) && !invalid && switchedOn;
  const ruleKey = JSON.stringify(rule);
  // The answer for one rule; a different rule being edited means counting again.
  const [answer, setAnswer] = useState<{ ruleKey: string; state: DryRunState }>();

  useEffect(() => {
    if (!active) return undefined;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      anonymization
        .dryRun(JSON.parse(ruleKey) as unknown, controller.signal)
        .then((result) => setAnswer({ ruleKey, state: { phase: 'done', result } }))
        .catch((error: unknown) => {
          if (controller.signal.aborted) return;
          const message = isApiProblem(error)
            ? error.message
            : translate('ra.notification.http_error');
          setAnswer({ ruleKey, state: { phase: 'failed', message } });
        });
    }, DRY_RUN_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [anonymization, ruleKey, active, translate]);

  if (!canDryRun(permissions) || invalid) return null;
  const state: DryRunState = !switchedOn
    ? { phase: 'off' }
    : answer?.ruleKey === ruleKey
      ? answer.state
      : { phase: 'counting' };
  const number = new Intl.NumberFormat(formatLocale);
  return (
    <Alert
      severity={state.phase === 'failed' ? 'error' : 'info'}
      role="status"
      aria-live="polite"
      data-testid="anonymization-dry-run"
      icon={state.phase === 'counting' ? <CircularProgress size={20} /> : undefined}
    >
      {state.phase === 'counting' && translate('switchboard.anonymization.dryRun.counting')}
      {state.phase === 'failed' && state.message}
      {(state.phase === 'off' || (state.phase === 'done' && !state.result.enabled)) && (
        <Typography variant="body2">{translate('switchboard.anonymization.dryRun.off')}</Typography>
      )}
      {state.phase === 'done' && state.result.enabled && (
        <Stack spacing={1}>
          <Typography variant="body2">
            {translate('switchboard.anonymization.dryRun.count', {
              smart_count: state.result.count,
              count: number.format(state.result.count),
              cutoff:
                state.result.cutoff === null
                  ? '—'
                  : new Date(state.result.cutoff).toLocaleString(formatLocale),
            })}
          </Typography>
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
            {(['chat', 'av', 'phone'] as const)
              .filter((channel) => state.result.byChannel[channel] !== undefined)
              .map((channel) => (
                <Chip
                  key={channel}
                  size="small"
                  label={`${translate(`settings.options.sessionChannel.${channel}`)}: ${number.format(state.result.byChannel[channel] ?? 0)}`}
                />
              ))}
          </Stack>
          {state.result.exempted > 0 && (
            <Typography variant="body2">
              {translate('switchboard.anonymization.dryRun.exempted', {
                smart_count: state.result.exempted,
                count: number.format(state.result.exempted),
              })}
            </Typography>
          )}
          {state.result.unresolved > 0 && (
            <Typography variant="body2">
              {translate('switchboard.anonymization.dryRun.unresolved', {
                smart_count: state.result.unresolved,
                count: number.format(state.result.unresolved),
              })}
            </Typography>
          )}
        </Stack>
      )}
    </Alert>
  );
};
