import { Switchboard } from './root/Switchboard.js';

export const App = () => <Switchboard />;
