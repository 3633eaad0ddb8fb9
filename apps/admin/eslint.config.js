import { reactConfig } from '@switchboard/eslint-config/react';

export default reactConfig;
