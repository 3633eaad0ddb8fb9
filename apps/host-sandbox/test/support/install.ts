import type { Receiver } from './receiver.js';
import { DEMO_TENANT_ID, type Sandbox } from './sandbox-harness.js';

export const PLATFORM_SECRET = 'whsec_cGxhdGZvcm0tc2VjcmV0LWZvci10ZXN0cy0xMjM0NTY=';

export interface Installed {
  clientId: string;
  clientSecret: string;
  webhookSecret: string;
  panelTokenSecret: string;
  hostApiBaseUrl: string;
}

/** Installs the plugin for the demo tenant against the receiver and reads the secrets back. */
export async function installAgainst(sandbox: Sandbox, receiver: Receiver): Promise<Installed> {
  receiver.on('/install', () => ({
    status: 201,
    body: { tenantId: String(DEMO_TENANT_ID), created: true },
  }));
  const response = await sandbox.control('POST', `/tenants/${DEMO_TENANT_ID}/install-plugin`, {
    switchboardUrl: receiver.url,
    platformSecret: PLATFORM_SECRET,
  });
  if (response.status !== 200) throw new Error(`install failed: ${JSON.stringify(response.body)}`);
  return response.body.installation as Installed;
}
