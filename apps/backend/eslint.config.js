import { allowProcessEnv, nodeConfig } from '@switchboard/eslint-config/node';

export default [...nodeConfig, allowProcessEnv];
