import { errors as joseErrors } from 'jose';

/** Why jose refused a JWT, in the words our 401 answers use (`details.reason`). */
export type JwtFailureReason =
  'expired' | 'audience' | 'type' | 'algorithm' | 'signature' | 'malformed';

/** Maps a jose verification error to a reason; anything unrecognised is `malformed`. */
export function jwtFailureReason(error: unknown): JwtFailureReason {
  if (error instanceof joseErrors.JWTExpired) return 'expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'audience';
    if (error.claim === 'typ') return 'type';
    // An `iat` in the future beyond the tolerance: the token is not valid (yet), like an expired one.
    if (error.claim === 'iat' && error.reason === 'check_failed') return 'expired';
    return 'malformed';
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'algorithm';
  if (error instanceof joseErrors.JOSENotSupported) return 'algorithm';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'signature';
  return 'malformed';
}
