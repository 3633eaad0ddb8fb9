import { z } from 'zod';

export const callerIdPickerSchema = z.object({
  /** The operator may pick a number (setting on and licensed). */
  selectionEnabled: z.boolean(),
  /** The tenant's licence includes caller-ID selection. */
  entitled: z.boolean(),
  /** Used when the operator picks nothing: the tenant's default, or the host's when off. */
  defaultNumber: z.string().nullable(),
  numbers: z.array(
    z.object({
      number: z.string(),
      label: z.string().nullable(),
      isDefault: z.boolean(),
    }),
  ),
});
export type CallerIdPicker = z.output<typeof callerIdPickerSchema>;

export const hostCallerIdsSchema = z.object({
  entitled: z.boolean(),
  selectionEnabled: z.boolean(),
  /** false: the host offers no caller-ID list (a v1 host, or not known yet: see error). */
  hostAvailable: z.boolean(),
  fetchedAt: z.iso.datetime().nullable(),
  /** Why the host's list could not be read, when it could not. */
  error: z.string().nullable(),
  numbers: z.array(
    z.object({
      number: z.string(),
      label: z.string().nullable(),
      /** The host's own default caller ID. */
      isHostDefault: z.boolean(),
      /** In the setting's allowed numbers. */
      allowed: z.boolean(),
      /** The setting's default number. */
      isDefault: z.boolean(),
    }),
  ),
  /** Allowed numbers the host no longer lists (operators cannot use them). */
  allowedNotOnHost: z.array(z.string()),
});
export type HostCallerIdsView = z.output<typeof hostCallerIdsSchema>;
