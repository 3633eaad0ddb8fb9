import { sleep } from '../common/sleep.js';
import type { SandboxContext } from '../sandbox-context.js';
import { installPlugin } from './plugin-installer.js';

/**
 * For the start command: once listening, installs the plugin for the first tenant unless it is
 * already installed against that Switchboard, retrying while Switchboard is still booting.
 */
export async function autoInstall(
  ctx: SandboxContext,
  switchboardUrl: string,
  platformSecret: string,
): Promise<void> {
  const tenant = ctx.store.state.tenants[0];
  if (!tenant) return;
  const installed = ctx.store.state.installations.some(
    (i) =>
      i.tenantId === tenant.id &&
      i.active &&
      i.switchboardUrl === switchboardUrl &&
      i.hostApiBaseUrl === ctx.publicApiUrl(),
  );
  if (installed) return;
  for (let attempt = 1; attempt <= 90 && !ctx.lifetime.aborted; attempt++) {
    const outcome = await installPlugin(ctx, tenant.id, { switchboardUrl, platformSecret });
    if (outcome.ok) {
      ctx.log.info({ tenantId: tenant.id, switchboardUrl }, 'plugin installed');
      return;
    }
    ctx.log.warn(
      { attempt, status: outcome.status, error: outcome.error },
      'plugin install failed, retrying',
    );
    await sleep(2000, ctx.lifetime);
  }
}
