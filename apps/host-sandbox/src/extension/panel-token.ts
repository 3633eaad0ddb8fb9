import {
  type PanelTokenClaims,
  signPanelToken as signWithContract,
} from '@switchboard/host-contract';

/**
 * A panel JWT as the host mints it when it opens Switchboard's admin panel, valid for
 * `lifetimeSeconds` from now. The contract signs it (HS256 over the tenant's panel secret) and adds
 * a fresh jti: Switchboard opens one panel session per token id.
 */
export function signPanelToken(
  secret: string,
  claims: Omit<PanelTokenClaims, 'iat' | 'exp' | 'jti'>,
  lifetimeSeconds: number,
  nowSeconds = Math.floor(Date.now() / 1000),
): string {
  return signWithContract(
    { ...claims, iat: nowSeconds, exp: nowSeconds + lifetimeSeconds },
    secret,
  );
}
