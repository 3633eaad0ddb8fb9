import { configure } from '@testing-library/react';

// react-admin screens take a while to settle on a loaded 2-core CI machine; the default 1 s
// findBy/waitFor budget made the UI tests flaky there.
configure({ asyncUtilTimeout: 5000 });
