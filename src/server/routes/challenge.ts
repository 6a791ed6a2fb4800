import type { RequestContext } from '../context.js';
import { json, problem } from '../http.js';

/**
 * `GET {endpoint}/challenge`: a proof-of-work challenge in ALTCHA v1's shape, or `404` when the district
 * requires none (clients remember that and stop asking).
 */
export async function challenge({ abuse, now }: RequestContext): Promise<Response> {
  if (!abuse.proofOfWork) return problem('not-found');
  return json(await abuse.proofOfWork.challenge(now()));
}
