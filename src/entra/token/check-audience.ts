/**
 * Every audience restriction must name Entra (`urn:federation:MicrosoftOnline`): several
 * restrictions all hold (AND), the audiences within one are alternatives (OR).
 * @see [MSALPY] [ADALN] [ROAD] [AADI]; SAML 1.1 core §2.3.2.1.3 and SAML 2.0 core §2.5.1.4 (each
 *   AudienceRestriction must be satisfied); code modeled (see AADSTS 50013 provenance)
 */
import { ENTRA_AUDIENCE } from '../../protocol/entra-names.ts';
import { echoed } from '../../core/echo.ts';
import type { TokenCheck } from './token-state.ts';
import { AADSTS } from '../../protocol/oauth/aadsts.ts';

export const checkAudience: TokenCheck = (s) => {
  const restrictions = s.token?.audienceRestrictions ?? [];
  const failing = restrictions.find((r) => !r.includes(ENTRA_AUDIENCE));
  if (restrictions.length > 0 && failing === undefined) return undefined;
  const audiences = failing ?? [];
  return {
    code: AADSTS.InvalidAssertion,
    params: {
      detail: `The audience '${echoed(audiences.join(', '))}' is not '${ENTRA_AUDIENCE}'.`,
    },
    ...(restrictions.length > 1
      ? {
          detail: `${restrictions.length} audience restrictions; one does not name ${ENTRA_AUDIENCE}`,
        }
      : {}),
  };
};
