/**
 * The audience restriction must name Entra (`urn:federation:MicrosoftOnline`).
 * @see [MSALPY] [ADALN] [ROAD] [AADI]; code modeled (see AADSTS 50013 provenance)
 */
import { ENTRA_AUDIENCE } from '../../protocol/entra-names.ts';
import type { TokenCheck } from './token-state.ts';

export const checkAudience: TokenCheck = (s) => {
  const audiences = s.token?.audiences ?? [];
  if (audiences.includes(ENTRA_AUDIENCE)) return undefined;
  return {
    code: 50013,
    params: { detail: `The audience '${audiences.join(', ')}' is not '${ENTRA_AUDIENCE}'.` },
  };
};
