import SaveIcon from '@mui/icons-material/Save';
import { Alert, Box, Button, CircularProgress, Paper, Stack, Typography } from '@mui/material';
import {
  type Category,
  type SettingKey,
  type SettingValues,
  areas,
  lintSettings,
  settingsRegistry,
} from '@switchboard/settings-model';
import { useMemo, useState } from 'react';
import { Title, useLogoutIfAccessDenied, useNotify, useTranslate } from 'react-admin';
import { useCanEdit } from '../auth/useCanEdit.js';
import { isApiProblem, type VersionConflictDetails } from '../providers/ApiProblem.js';
import { useApi } from '../providers/ApiContext.js';
import { type SettingsOverview, settingsFieldErrors } from '../providers/settingsApi.js';
import { ConflictDialog } from './ConflictDialog.js';
import { SettingCard } from './SettingCard.js';
import { SettingCompanion } from './SettingCompanion.js';
import { SettingControl } from './SettingControl.js';
import { useSettingsDraft } from './SettingsDraftContext.js';
import {
  type ErrorMessages,
  discardEdit,
  displayedValue,
  errorMessages,
  messagesUnder,
  resetEdit,
  setEdit,
  validateEdits,
  withoutSetting,
} from './settingsDraft.js';
import { UnsavedChangesGuard } from './UnsavedChangesGuard.js';
import { useSettingsOverview } from './useSettingsOverview.js';
import { useNotifyProblem } from '../util/useNotifyProblem.js';

export const isEntitled = (key: SettingKey, entitlements: readonly string[]): boolean => {
  const needed = settingsRegistry[key].entitlement;
  return needed === undefined || entitlements.includes(needed);
};

interface CategoryFormProps {
  category: Category;
  overview: SettingsOverview;
  replace: (overview: SettingsOverview) => void;
  reload: () => Promise<SettingsOverview | undefined>;
  canEdit: boolean;
}

const CategoryForm = ({ category, overview, replace, reload, canEdit }: CategoryFormProps) => {
  const translate = useTranslate();
  const notify = useNotify();
  const notifyProblem = useNotifyProblem();
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  const { settings } = useApi();
  // Kept above react-admin, so switching the language does not drop the unsaved edits.
  const { edits, baseVersion, updateEdits, clear } = useSettingsDraft(category);
  const [serverErrors, setServerErrors] = useState<ErrorMessages>({});
  const [conflict, setConflict] = useState<VersionConflictDetails>();
  const [saving, setSaving] = useState(false);
  const keys = useMemo(
    () => areas.find((area) => area.id === category)?.settings ?? [],
    [category],
  );

  const clientErrors = useMemo(
    () => errorMessages(validateEdits(edits, overview.entitlements), translate),
    [edits, overview.entitlements, translate],
  );
  const errors = { ...serverErrors, ...clientErrors };
  const dirty = Object.keys(edits).length > 0;
  const invalid = Object.keys(clientErrors).length > 0;

  const warnings = useMemo(() => {
    const merged = Object.fromEntries(
      Object.keys(overview.effective).map((key) => [
        key,
        displayedValue(key as SettingKey, edits, overview),
      ]),
    ) as unknown as SettingValues;
    try {
      return lintSettings(merged).filter((warning) =>
        warning.keys.some((key) => keys.includes(key)),
      );
    } catch {
      // An invalid draft can break a lint rule's assumptions; validation already reports it.
      return [];
    }
  }, [edits, overview, keys]);

  const change = (key: SettingKey, value: unknown) => {
    updateEdits((current) => setEdit(current, key, value, overview), overview.version);
    setServerErrors((current) => withoutSetting(current, key));
  };

  const save = async (version: number) => {
    setSaving(true);
    try {
      const next = await settings.patch(edits, version);
      replace(next);
      clear();
      setServerErrors({});
      setConflict(undefined);
      notify('switchboard.settings.saved', { type: 'success' });
    } catch (error) {
      if (!isApiProblem(error)) throw error;
      if (error.conflict) {
        setConflict(error.conflict);
      } else {
        if (error.status === 422 || error.status === 403)
          setServerErrors(settingsFieldErrors(error));
        await logoutIfAccessDenied(error);
        notifyProblem(error);
      }
    } finally {
      setSaving(false);
    }
  };

  const overwrite = async () => {
    // Re-apply my edits on top of the version that won; fetch it if the 409 did not say.
    const version = Number.isFinite(conflict?.currentVersion)
      ? (conflict?.currentVersion ?? overview.version)
      : ((await reload())?.version ?? overview.version);
    await save(version);
  };

  const reloadAfterConflict = async () => {
    setConflict(undefined);
    clear();
    setServerErrors({});
    await reload();
  };

  return (
    <Stack spacing={2}>
      <UnsavedChangesGuard when={dirty} onLeave={clear} />
      {!canEdit && <Alert severity="info">{translate('switchboard.settings.readOnly')}</Alert>}
      {warnings.map((warning) => (
        <Alert key={`${warning.code}-${warning.path}`} severity="warning">
          {translate(warning.messageKey, warning.params)}
        </Alert>
      ))}
      {keys.map((key) => {
        const entitled = isEntitled(key, overview.entitlements);
        const pending = Object.hasOwn(edits, key)
          ? edits[key] === null
            ? 'reset'
            : 'edited'
          : undefined;
        const stored = overview.provenance[key] === 'tenant';
        return (
          <SettingCard
            key={key}
            settingKey={key}
            provenance={overview.provenance[key]}
            pending={pending}
            entitled={entitled}
            canEdit={canEdit}
            errors={errors}
            onReset={
              stored && pending !== 'reset'
                ? () => updateEdits((current) => resetEdit(current, key), overview.version)
                : undefined
            }
            onDiscard={
              pending
                ? () => updateEdits((current) => discardEdit(current, key), overview.version)
                : undefined
            }
          >
            <SettingControl
              settingKey={key}
              value={displayedValue(key, edits, overview)}
              onChange={(value) => change(key, value)}
              disabled={!canEdit || !entitled || saving}
              errors={errors}
            />
            <SettingCompanion
              settingKey={key}
              value={displayedValue(key, edits, overview)}
              invalid={Object.keys(messagesUnder(errors, key)).length > 0}
            />
          </SettingCard>
        );
      })}
      {canEdit && (
        <Paper
          elevation={3}
          sx={{
            position: 'sticky',
            bottom: 0,
            p: 2,
            display: 'flex',
            gap: 2,
            alignItems: 'center',
            zIndex: 1,
          }}
        >
          <Button
            variant="contained"
            startIcon={saving ? <CircularProgress size={18} /> : <SaveIcon />}
            disabled={!dirty || invalid || saving}
            onClick={() => void save(baseVersion(overview.version))}
          >
            {translate('ra.action.save')}
          </Button>
          <Button disabled={!dirty || saving} onClick={clear}>
            {translate('switchboard.settings.discardAll')}
          </Button>
          <Typography variant="body2" color={invalid ? 'error' : 'text.secondary'} role="status">
            {invalid
              ? translate('switchboard.settings.fixErrors')
              : dirty
                ? translate('switchboard.settings.unsavedCount', {
                    smart_count: Object.keys(edits).length,
                  })
                : translate('switchboard.settings.version', { version: overview.version })}
          </Typography>
        </Paper>
      )}
      <ConflictDialog
        open={conflict !== undefined}
        changesSince={conflict?.changesSince ?? []}
        busy={saving}
        onReload={() => void reloadAfterConflict()}
        onOverwrite={() => void overwrite()}
      />
    </Stack>
  );
};

/** One settings area (General, Phone, Chat, E-mail), generated from the model's registry. */
export const SettingsCategoryPage = ({ category }: { category: Category }) => {
  const translate = useTranslate();
  const { overview, error, loading, reload, replace } = useSettingsOverview();
  const { canEdit } = useCanEdit();
  const title = `${translate('settings.title')}: ${translate(`settings.areas.${category}`)}`;
  return (
    <Box sx={{ mt: 2, mb: 4, maxWidth: 960 }}>
      <Title title={title} />
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
        {translate(`settings.areas.${category}`)}
      </Typography>
      {error && <Alert severity="error">{error.message}</Alert>}
      {loading && !overview && <CircularProgress aria-label={translate('ra.page.loading')} />}
      {overview && (
        // Keyed by category: switching areas starts a fresh form.
        <CategoryForm
          key={category}
          category={category}
          overview={overview}
          replace={replace}
          reload={reload}
          canEdit={canEdit}
        />
      )}
    </Box>
  );
};
