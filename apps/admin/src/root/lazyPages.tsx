import { LinearProgress } from '@mui/material';
import { type ComponentType, Suspense, lazy } from 'react';

/** A screen loaded on first visit, so the first paint only carries the shell. */
function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>) {
  const Lazy = lazy(async () => ({ default: await load() }));
  const Screen = (props: P) => (
    <Suspense fallback={<LinearProgress />}>
      <Lazy {...props} />
    </Suspense>
  );
  return Screen;
}

export const SettingsCategoryScreen = lazyScreen(
  async () => (await import('../settings/SettingsCategoryPage.js')).SettingsCategoryPage,
);
export const PackagesScreen = lazyScreen(
  async () => (await import('../packages/PackagesPage.js')).PackagesPage,
);
export const RevisionListScreen = lazyScreen(
  async () => (await import('../revisions/RevisionList.js')).RevisionList,
);
export const RevisionShowScreen = lazyScreen(
  async () => (await import('../revisions/RevisionShow.js')).RevisionShow,
);
export const AuditListScreen = lazyScreen(
  async () => (await import('../audit/AuditList.js')).AuditList,
);
export const DashboardScreen = lazyScreen(
  async () => (await import('../dashboard/Dashboard.js')).Dashboard,
);
export const AnonymizationScreen = lazyScreen(
  async () => (await import('../anonymization/AnonymizationPage.js')).AnonymizationPage,
);
export const AnonymizationRunScreen = lazyScreen(
  async () => (await import('../anonymization/RunPage.js')).RunPage,
);
export const AnonymizationLedgerScreen = lazyScreen(
  async () => (await import('../anonymization/LedgerPage.js')).LedgerPage,
);
export const JobsScreen = lazyScreen(async () => (await import('../jobs/JobsPage.js')).JobsPage);
export const BansListScreen = lazyScreen(
  async () => (await import('../bans/BansList.js')).BansList,
);
