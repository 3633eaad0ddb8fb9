/** A contact-directory record: field name → values (e.g. `oo1_guest_phone`). */
export interface Contact {
  id: number;
  tenantId: number;
  data: Record<string, string[]>;
}
