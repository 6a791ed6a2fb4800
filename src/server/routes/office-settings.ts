import type { Ak1OfficeSettings } from '../../schema/office.js';
import type { RequestContext } from '../context.js';
import { json } from '../http.js';
import { authenticate } from '../office/auth.js';

/**
 * `GET {endpoint}/office/settings`: what the counter needs to print the card as the district does (design.md,
 * "Decisions": The card): the district's name and office, and the card options the district has set.
 */
export async function officeSettings(context: RequestContext): Promise<Response> {
  const auth = await authenticate(context);
  if ('response' in auth) return auth.response;
  const { district } = context;
  const card = district.card;
  const hasCard = card.signerTitle !== undefined || card.terms !== undefined || card.overlay !== undefined || card.logo !== undefined;
  const reply: Ak1OfficeSettings = {
    district: { name: district.name, officeName: district.officeName, timeZone: district.timeZone },
    ...(hasCard
      ? {
          card: {
            ...(card.signerTitle !== undefined ? { signerTitle: card.signerTitle } : {}),
            ...(card.terms !== undefined ? { terms: [...card.terms] } : {}),
            ...(card.overlay !== undefined ? { overlay: structuredClone(card.overlay) as Record<string, unknown> } : {}),
            ...(card.logo !== undefined ? { logo: card.logo } : {}),
          },
        }
      : {}),
  };
  return json(reply);
}
