import czechMessages from 'ra-language-czech';
import type { TranslationMessages } from 'react-admin';
import type { switchboardEn } from './en.js';

// ra-language-czech 5.7 predates these react-admin 5.15 keys.
const missingRaKeys = {
  action: { reset: 'Obnovit', search_columns: 'Hledat sloupce' },
  notification: { offline: 'Bez připojení. Data nelze načíst.' },
  guesser: {
    empty: {
      title: 'Žádná data k zobrazení',
      message: 'Zkontrolujte prosím svého poskytovatele dat',
    },
  },
};

export const switchboardCs: typeof switchboardEn = {
  switchboard: {
    dashboard: {
      title: 'Vítejte v aplikaci %{productName}',
      intro: 'Nastavení, podle kterých váš tenant funguje, vynucovaná u každého sezení.',
    },
  },
};

export const cs: TranslationMessages = {
  ...czechMessages,
  ra: {
    ...czechMessages.ra,
    action: { ...czechMessages.ra.action, ...missingRaKeys.action },
    notification: { ...czechMessages.ra.notification, ...missingRaKeys.notification },
    guesser: { ...czechMessages.ra.guesser, ...missingRaKeys.guesser },
  },
  ...switchboardCs,
};
