declare module 'ra-language-czech' {
  import type { TranslationMessages } from 'react-admin';

  const czechMessages: TranslationMessages;
  export default czechMessages;
}
