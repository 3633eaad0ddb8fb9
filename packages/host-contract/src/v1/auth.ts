import { z } from 'zod';

/** OAuth2 client-credentials scope of the public API; some clients omit it, and the host accepts both. */
export const PUBLIC_API_SCOPE = 'mluviiPublicApi';

/** Path of the token endpoint, relative to the host's origin (not to the API base URL). */
export const TOKEN_PATH = '/login/connect/token';

/** Form body (`application/x-www-form-urlencoded`) of `POST /login/connect/token`. */
export const tokenRequestSchema = z.object({
  grant_type: z.literal('client_credentials'),
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
  scope: z.string().optional(),
  response_type: z.literal('token').optional(),
});
export type TokenRequest = z.output<typeof tokenRequestSchema>;

/** Token response; the docs say tokens live one hour (`expires_in` 3600). */
export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().int().positive(),
  token_type: z.string().default('Bearer'),
  scope: z.string().optional(),
});
export type TokenResponse = z.output<typeof tokenResponseSchema>;
