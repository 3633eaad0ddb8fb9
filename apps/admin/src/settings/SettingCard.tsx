import RestartAltIcon from '@mui/icons-material/RestartAlt';
import UndoIcon from '@mui/icons-material/Undo';
import {
  Alert,
  Button,
  Card,
  CardActions,
  CardContent,
  CardHeader,
  Chip,
  Stack,
} from '@mui/material';
import { type Provenance, type SettingKey, settingsRegistry } from '@switchboard/settings-model';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { idOf } from './inputs/controlProps.js';
import type { ErrorMessages } from './settingsDraft.js';

export type PendingState = 'edited' | 'reset' | undefined;

interface SettingCardProps {
  settingKey: SettingKey;
  provenance: Provenance;
  pending: PendingState;
  /** The tenant's licence covers this setting. */
  entitled: boolean;
  canEdit: boolean;
  errors: ErrorMessages;
  onReset?: (() => void) | undefined;
  onDiscard?: (() => void) | undefined;
  resetLabel?: string | undefined;
  children: ReactNode;
  extraActions?: ReactNode;
}

const provenanceColor = { default: 'default', tenant: 'primary', package: 'secondary' } as const;

/** One setting: label, help, where its value comes from, the control, and reset/discard. */
export const SettingCard = ({
  settingKey,
  provenance,
  pending,
  entitled,
  canEdit,
  errors,
  onReset,
  onDiscard,
  resetLabel,
  children,
  extraActions,
}: SettingCardProps) => {
  const translate = useTranslate();
  const definition = settingsRegistry[settingKey];
  const headingId = `${idOf(settingKey)}-heading`;
  // A scalar setting's control shows its own error; an object's root error has no control.
  const rootError = definition.ui.fields ? errors[settingKey] : undefined;
  return (
    <Card
      component="section"
      aria-labelledby={headingId}
      data-setting={settingKey}
      variant="outlined"
    >
      <CardHeader
        title={translate(definition.labelKey)}
        slotProps={{ title: { id: headingId, component: 'h2', variant: 'h6' } }}
        subheader={translate(definition.helpKey)}
        action={
          <Stack direction="row" spacing={1}>
            <Chip
              size="small"
              color={provenanceColor[provenance]}
              variant="outlined"
              label={translate(`settings.provenance.${provenance}`)}
              aria-label={`${translate('switchboard.settings.source')}: ${translate(`settings.provenance.${provenance}`)}`}
            />
            {pending && (
              <Chip
                size="small"
                color="warning"
                label={translate(
                  pending === 'reset'
                    ? 'switchboard.settings.pendingReset'
                    : 'switchboard.settings.pendingEdit',
                )}
              />
            )}
          </Stack>
        }
      />
      <CardContent>
        <Stack spacing={2}>
          {!entitled && (
            <Alert severity="info">
              {translate('settings.entitlement.missing')}{' '}
              {definition.entitlement &&
                translate('switchboard.settings.entitlementName', {
                  entitlement: definition.entitlement,
                })}
            </Alert>
          )}
          {children}
          {rootError && <Alert severity="error">{rootError}</Alert>}
        </Stack>
      </CardContent>
      {canEdit && entitled && (
        <CardActions>
          {onReset && (
            <Button size="small" startIcon={<RestartAltIcon />} onClick={onReset}>
              {resetLabel ?? translate('switchboard.settings.resetToDefault')}
            </Button>
          )}
          {onDiscard && (
            <Button size="small" startIcon={<UndoIcon />} onClick={onDiscard}>
              {translate('switchboard.settings.discard')}
            </Button>
          )}
          {extraActions}
        </CardActions>
      )}
    </Card>
  );
};
