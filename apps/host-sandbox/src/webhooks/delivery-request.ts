import { signedHeaders } from '@switchboard/host-contract';

export interface PreparedRequest {
  url: string;
  headers: Record<string, string>;
}

/**
 * fetch refuses URLs with userinfo, and the host turns it into Basic auth anyway (v1: the only way
 * a receiver authenticates the sender), so the credentials move to a header.
 */
export function prepareDelivery(
  callbackUrl: string,
  body: string,
  signing: { secret: string; messageId: string } | null,
): PreparedRequest {
  const url = new URL(callbackUrl);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (url.username || url.password) {
    const user = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    url.username = '';
    url.password = '';
  }
  if (signing) Object.assign(headers, signedHeaders(signing.secret, signing.messageId, body));
  return { url: url.toString(), headers };
}
