import ChatIcon from '@mui/icons-material/Chat';
import EmailIcon from '@mui/icons-material/Email';
import HistoryIcon from '@mui/icons-material/History';
import InventoryIcon from '@mui/icons-material/Inventory2';
import PhoneIcon from '@mui/icons-material/Phone';
import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import TuneIcon from '@mui/icons-material/Tune';
import { Menu } from 'react-admin';

export const SETTINGS_MENU = [
  { category: 'general', icon: <TuneIcon /> },
  { category: 'phone', icon: <PhoneIcon /> },
  { category: 'chat', icon: <ChatIcon /> },
  { category: 'email', icon: <EmailIcon /> },
] as const;

export const SwitchboardMenu = () => (
  <Menu>
    <Menu.DashboardItem />
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
    <Menu.Item to="/revisions" primaryText="switchboard.history.title" leftIcon={<HistoryIcon />} />
    <Menu.Item to="/audit" primaryText="switchboard.audit.title" leftIcon={<ReceiptLongIcon />} />
  </Menu>
);
