import {
  installRequestSchema as contractInstallRequestSchema,
  type InstallResponse,
  installResponseSchema,
  type SmtpRelay,
  tenantIdSchema,
  type UninstallRequest,
  uninstallRequestSchema,
} from '@switchboard/host-contract';
import { z } from 'zod';

/*
 * The install messages are defined once, in @switchboard/host-contract. The backend only adds a
 * check the contract leaves to the receiver: the time zone must be one this runtime knows.
 */

const ianaTimeZone = z
  .string()
  .max(64)
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    },
    { params: { code: 'invalid_time_zone' } },
  );

/** What the host sends to POST /install, signed with the platform secret. */
export const installRequestSchema = contractInstallRequestSchema.extend({
  timeZone: ianaTimeZone.optional(),
});
export type InstallRequest = z.output<typeof installRequestSchema>;

export { installResponseSchema, tenantIdSchema, uninstallRequestSchema };
export type { InstallResponse, SmtpRelay, UninstallRequest };
