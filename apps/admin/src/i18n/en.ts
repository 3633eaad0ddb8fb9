import englishMessages from 'ra-language-english';
import type { TranslationMessages } from 'react-admin';

export const switchboardEn = {
  switchboard: {
    dashboard: {
      title: 'Welcome to %{productName}',
      intro: 'Settings your helpdesk tenant runs on, enforced on every session.',
    },
  },
};

export const en: TranslationMessages = { ...englishMessages, ...switchboardEn };
