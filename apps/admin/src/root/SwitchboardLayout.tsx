import type { ReactNode } from 'react';
import { Layout } from 'react-admin';
import { SwitchboardAppBar } from './SwitchboardAppBar.js';
import { SwitchboardMenu } from './SwitchboardMenu.js';

export const SwitchboardLayout = ({ children }: { children: ReactNode }) => (
  <Layout appBar={SwitchboardAppBar} menu={SwitchboardMenu}>
    {children}
  </Layout>
);
