import BlockIcon from '@mui/icons-material/Block';
import ChatIcon from '@mui/icons-material/Chat';
import EmailIcon from '@mui/icons-material/Email';
import HistoryIcon from '@mui/icons-material/History';
import InventoryIcon from '@mui/icons-material/Inventory2';
import PhoneIcon from '@mui/icons-material/Phone';
import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import ScheduleIcon from '@mui/icons-material/Schedule';
import TuneIcon from '@mui/icons-material/Tune';
import VisibilityOffIcon from '@mui/icons-material/VisibilityOff';
import { Menu, usePermissions } from 'react-admin';

export const SETTINGS_MENU = [
  { category: 'general', icon: <TuneIcon /> },
  { category: 'phone', icon: <PhoneIcon /> },
  { category: 'chat', icon: <ChatIcon /> },
  { category: 'email', icon: <EmailIcon /> },
] as const;

/** Jobs and their dead letters are for the people who can act on them. */
export const canSeeJobs = (roles: readonly string[] | undefined): boolean =>
  roles?.some((role) => role === 'admin' || role === 'supervisor') ?? false;

export const SwitchboardMenu = () => {
  const { permissions } = usePermissions<string[]>();
  return (
    <Menu>
      <Menu.DashboardItem primaryText="switchboard.dashboard.menu" />
      {SETTINGS_MENU.map(({ category, icon }) => (
        <Menu.Item
          key={category}
          to={`/settings/${category}`}
          primaryText={`settings.areas.${category}`}
          leftIcon={icon}
        />
      ))}
      <Menu.Item
        to="/packages"
        primaryText="switchboard.packages.title"
        leftIcon={<InventoryIcon />}
      />
      <Menu.Item to="/bans" primaryText="switchboard.bans.title" leftIcon={<BlockIcon />} />
      <Menu.Item
        to="/anonymization"
        primaryText="switchboard.anonymization.title"
        leftIcon={<VisibilityOffIcon />}
      />
      <Menu.Item
        to="/revisions"
        primaryText="switchboard.history.title"
        leftIcon={<HistoryIcon />}
      />
      <Menu.Item to="/audit" primaryText="switchboard.audit.title" leftIcon={<ReceiptLongIcon />} />
      {canSeeJobs(permissions) && (
        <Menu.Item to="/jobs" primaryText="switchboard.jobs.title" leftIcon={<ScheduleIcon />} />
      )}
    </Menu>
  );
};
