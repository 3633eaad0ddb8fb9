import { z } from 'zod';
import { id64Schema } from './primitives.js';

/** Contact-directory field names seen in use; a contact may carry any others. */
export const CONTACT_FIELDS = {
  phone: 'oo1_guest_phone',
  email: 'oo1_guest_email',
  ident: 'oo1_guest_ident',
  guid: 'oo1_guest_guid',
} as const;

/** `Contacts/ContactModel.cs`: an id plus every field as a list of values. */
export const contactModelSchema = z.object({
  id: id64Schema,
  data: z.record(z.string(), z.array(z.string()).nullable()).default({}),
});
export type ContactModel = z.output<typeof contactModelSchema>;

export const contactListSchema = z.array(contactModelSchema);
