import type { RequestContext } from '../context.js';
import { json } from '../http.js';

/** `GET {endpoint}/keys`: the public keys that verify the cards' tokens (the signing key first), for verifiers that work offline. */
export async function keys({ signer }: RequestContext): Promise<Response> {
  return json({ keys: (await signer).publicJwks }, 200, { 'cache-control': 'public, max-age=3600' });
}
