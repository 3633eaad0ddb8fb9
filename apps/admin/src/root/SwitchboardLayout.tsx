import { type ReactNode, useEffect } from 'react';
import { Layout, useLocaleState } from 'react-admin';
import { SwitchboardAppBar } from './SwitchboardAppBar.js';
import { SwitchboardMenu } from './SwitchboardMenu.js';

/** Keeps `<html lang>` on the panel's language, so screen readers pronounce it right. */
const DocumentLanguage = () => {
  const [locale] = useLocaleState();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return null;
};

export const SwitchboardLayout = ({ children }: { children: ReactNode }) => (
  <Layout appBar={SwitchboardAppBar} menu={SwitchboardMenu}>
    <DocumentLanguage />
    {children}
  </Layout>
);
