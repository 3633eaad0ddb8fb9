import EditIcon from '@mui/icons-material/Edit';
import SaveIcon from '@mui/icons-material/Save';
import {
  Alert,
  Box,
  Button,
  Chip,
  CircularProgress,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import {
  SETTING_KEYS,
  type SettingKey,
  isPackageScoped,
  settingsRegistry,
  validate,
} from '@switchboard/settings-model';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import {
  Title,
  useLogoutIfAccessDenied,
  useNavigate,
  useNotify,
  useParams,
  useTranslate,
} from 'react-admin';
import { useCanEdit } from '../auth/useCanEdit.js';
import { isApiProblem, type VersionConflictDetails } from '../providers/ApiProblem.js';
import { useApi } from '../providers/ApiContext.js';
import {
  type PackageSettings,
  type SettingsOverview,
  packageFieldErrors,
} from '../providers/settingsApi.js';
import { ConflictDialog } from '../settings/ConflictDialog.js';
import { formatSettingValue } from '../settings/formatValue.js';
import { SettingCard } from '../settings/SettingCard.js';
import { SettingControl } from '../settings/SettingControl.js';
import { isEntitled } from '../settings/SettingsCategoryPage.js';
import { type ErrorMessages, errorMessages } from '../settings/settingsDraft.js';
import { useLogoutOnDenied, useSettingsOverview } from '../settings/useSettingsOverview.js';
import { useNotifyProblem } from '../util/useNotifyProblem.js';

export const PACKAGE_SCOPED_KEYS: readonly SettingKey[] = SETTING_KEYS.filter(isPackageScoped);

/** A package id as the backend accepts it in a path; checked here to explain, not to enforce. */
export const isPlausiblePackageId = (id: string): boolean =>
  /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(id);

interface RowProps {
  settingKey: SettingKey;
  pkg: PackageSettings;
  inherited: unknown;
  entitled: boolean;
  canEdit: boolean;
  onWritten: (overview: SettingsOverview) => void;
  reloadPackage: () => Promise<PackageSettings | undefined>;
}

const PackageSettingRow = ({
  settingKey,
  pkg,
  inherited,
  entitled,
  canEdit,
  onWritten,
  reloadPackage,
}: RowProps) => {
  const translate = useTranslate();
  const notify = useNotify();
  const notifyProblem = useNotifyProblem();
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  const { settings } = useApi();
  const provenance = pkg.provenance[settingKey];
  const overridden = provenance === 'package';
  const [draft, setDraft] = useState<unknown>(undefined);
  const [serverErrors, setServerErrors] = useState<ErrorMessages>({});
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<{
    details: VersionConflictDetails;
    retry: (v: number) => Promise<void>;
  }>();
  const editing = draft !== undefined;

  const clientErrors = useMemo(() => {
    if (!editing) return {};
    const result = validate({ [settingKey]: draft }, { scope: 'package' });
    return result.ok ? {} : errorMessages(result.errors, translate);
  }, [draft, editing, settingKey, translate]);
  const errors = { ...serverErrors, ...clientErrors };

  const fail = async (error: unknown, retry: (version: number) => Promise<void>) => {
    if (!isApiProblem(error)) throw error;
    if (error.conflict) return setConflict({ details: error.conflict, retry });
    if (error.status === 422 || error.status === 403) {
      setServerErrors(packageFieldErrors(error, settingKey));
    }
    await logoutIfAccessDenied(error);
    notifyProblem(error);
  };

  const put = async (version: number): Promise<void> => {
    setBusy(true);
    try {
      onWritten(await settings.setPackageOverride(pkg.packageId, settingKey, draft, version));
      setDraft(undefined);
      setServerErrors({});
      setConflict(undefined);
      notify('switchboard.packages.overridden', { type: 'success' });
    } catch (error) {
      await fail(error, put);
    } finally {
      setBusy(false);
    }
  };

  const clear = async (version: number): Promise<void> => {
    setBusy(true);
    try {
      onWritten(await settings.clearPackageOverride(pkg.packageId, settingKey, version));
      setDraft(undefined);
      setConflict(undefined);
      notify('switchboard.packages.inherits', { type: 'success' });
    } catch (error) {
      await fail(error, clear);
    } finally {
      setBusy(false);
    }
  };

  const retryWithCurrent = async () => {
    if (!conflict) return;
    const version = Number.isFinite(conflict.details.currentVersion)
      ? conflict.details.currentVersion
      : (await reloadPackage())?.version;
    if (version !== undefined) await conflict.retry(version);
  };

  return (
    <SettingCard
      settingKey={settingKey}
      provenance={provenance}
      pending={editing ? 'edited' : undefined}
      entitled={entitled}
      canEdit={canEdit}
      errors={errors}
      onReset={overridden && !editing ? () => void clear(pkg.version) : undefined}
      resetLabel={translate('switchboard.packages.resetToInherited')}
      onDiscard={
        editing
          ? () => {
              setDraft(undefined);
              setServerErrors({});
            }
          : undefined
      }
      extraActions={
        editing ? (
          <Button
            size="small"
            variant="contained"
            startIcon={<SaveIcon />}
            disabled={busy || Object.keys(clientErrors).length > 0}
            onClick={() => void put(pkg.version)}
          >
            {translate('switchboard.packages.saveOverride')}
          </Button>
        ) : (
          <Button
            size="small"
            startIcon={<EditIcon />}
            disabled={busy}
            onClick={() => setDraft(structuredClone(pkg.values[settingKey]))}
          >
            {translate(
              overridden ? 'switchboard.packages.editOverride' : 'switchboard.packages.override',
            )}
          </Button>
        )
      }
    >
      <Stack spacing={1}>
        <Typography variant="body2">
          <strong>{translate('switchboard.packages.effective')}:</strong>{' '}
          <span data-testid={`effective-${settingKey}`}>
            {formatSettingValue(settingKey, pkg.values[settingKey], translate)}
          </span>
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('switchboard.packages.inheritedValue')}:{' '}
          {formatSettingValue(settingKey, inherited, translate)}
        </Typography>
        {editing && (
          <SettingControl
            settingKey={settingKey}
            value={draft}
            onChange={(value) => {
              setDraft(value);
              setServerErrors({});
            }}
            disabled={busy}
            errors={errors}
          />
        )}
      </Stack>
      <ConflictDialog
        open={conflict !== undefined}
        changesSince={conflict?.details.changesSince ?? []}
        busy={busy}
        onReload={() => {
          setConflict(undefined);
          setDraft(undefined);
          void reloadPackage();
        }}
        onOverwrite={() => void retryWithCurrent()}
      />
    </SettingCard>
  );
};

/** Per-package overrides: pick a package, see each package-scoped value and where it comes from. */
export const PackagesPage = () => {
  const translate = useTranslate();
  const navigate = useNavigate();
  const { packageId } = useParams<{ packageId: string }>();
  const { settings } = useApi();
  const { canEdit } = useCanEdit();
  const { overview, reload: reloadOverview } = useSettingsOverview();
  const [typed, setTyped] = useState(packageId ?? '');
  const packageQuery = useQuery({
    queryKey: ['switchboard', 'package', packageId],
    queryFn: () => settings.getPackage(packageId ?? ''),
    enabled: packageId !== undefined,
    refetchOnWindowFocus: false,
    retry: false,
  });
  useLogoutOnDenied(packageQuery.error);
  const { refetch } = packageQuery;
  const loadPackage = useCallback(async () => (await refetch()).data, [refetch]);
  const shown = packageQuery.data;
  const error = isApiProblem(packageQuery.error) ? packageQuery.error : undefined;

  const known = Object.keys(overview?.packages ?? {}).sort();
  const open = (id: string) => navigate(`/packages/${encodeURIComponent(id.trim())}`);
  const typedValid = isPlausiblePackageId(typed.trim());

  return (
    <Box sx={{ mt: 2, mb: 4, maxWidth: 960 }}>
      <Title title={translate('switchboard.packages.title')} />
      <Typography variant="h5" component="h1" sx={{ mb: 1 }}>
        {translate('switchboard.packages.title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {translate('switchboard.packages.intro')}
      </Typography>
      <Stack
        direction="row"
        spacing={1}
        component="form"
        sx={{ mb: 2, alignItems: 'flex-start' }}
        onSubmit={(event) => {
          event.preventDefault();
          if (typedValid) open(typed);
        }}
      >
        <TextField
          id="package-id"
          size="small"
          label={translate('switchboard.packages.packageId')}
          value={typed}
          error={typed !== '' && !typedValid}
          helperText={
            typed !== '' && !typedValid ? translate('switchboard.packages.invalidId') : undefined
          }
          onChange={(event) => setTyped(event.target.value)}
        />
        <Button type="submit" variant="outlined" disabled={!typedValid}>
          {translate('switchboard.packages.open')}
        </Button>
      </Stack>
      {known.length > 0 && (
        <Stack
          direction="row"
          spacing={1}
          sx={{ mb: 2, flexWrap: 'wrap' }}
          aria-label={translate('switchboard.packages.known')}
          role="list"
        >
          {known.map((id) => (
            <Chip
              role="listitem"
              key={id}
              label={id}
              color={id === packageId ? 'primary' : 'default'}
              onClick={() => {
                setTyped(id);
                open(id);
              }}
            />
          ))}
        </Stack>
      )}
      {error && <Alert severity="error">{error.message}</Alert>}
      {packageId !== undefined && !shown && !error && (
        <CircularProgress aria-label={translate('ra.page.loading')} />
      )}
      {shown && overview && (
        <Stack spacing={2}>
          <Typography variant="h6" component="h2">
            {translate('switchboard.packages.heading', { packageId: shown.packageId })}
          </Typography>
          {!canEdit && <Alert severity="info">{translate('switchboard.settings.readOnly')}</Alert>}
          {PACKAGE_SCOPED_KEYS.map((key) => (
            <PackageSettingRow
              key={`${shown.packageId}-${key}-${shown.version}`}
              settingKey={key}
              pkg={shown}
              inherited={overview.effective[key] ?? settingsRegistry[key].defaultValue}
              entitled={isEntitled(key, overview.entitlements)}
              canEdit={canEdit}
              reloadPackage={loadPackage}
              onWritten={() => {
                void loadPackage();
                void reloadOverview();
              }}
            />
          ))}
        </Stack>
      )}
    </Box>
  );
};
