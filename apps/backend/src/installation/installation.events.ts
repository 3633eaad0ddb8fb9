/** Internal events (EventEmitter2) about the tenant's lifecycle, emitted after the commit. */
export const TENANT_INSTALLED = 'tenant.installed';
export const TENANT_UNINSTALLED = 'tenant.uninstalled';

export interface TenantInstalledEvent {
  tenantId: string;
  /** false when an existing installation was updated (reinstall). */
  created: boolean;
}

export interface TenantUninstalledEvent {
  tenantId: string;
}
