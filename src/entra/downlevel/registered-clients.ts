/**
 * The applications mock Entra knows for the down-level sign-in (`/{tenant}/oauth2/authorize`):
 * the Workplace Join client and its one redirect URI. A request naming another client id is
 * refused with AADSTS700016, one naming another redirect URI with AADSTS50011; either way on an
 * error page, never a redirect (an unregistered URI is never trusted with an answer).
 * @see [ERR] (AADSTS50011 InvalidReplyTo, AADSTS700016); UNO180 TEAMSCC267 (the error page)
 * modeled: the registration itself (the down-level client's id and redirect URI are not public,
 *   see protocol/downlevel/authorize-request.ts); docs/decisions/0015-registered-clients.md
 */
import {
  WORKPLACE_JOIN_CLIENT_ID,
  WORKPLACE_JOIN_REDIRECT_URI,
} from '../../protocol/downlevel/authorize-request.ts';

export interface RegisteredClient {
  readonly clientId: string;
  readonly name: string;
  /** Exact redirect URIs (compared as strings, as Entra compares them). */
  readonly redirectUris: readonly string[];
}

export const REGISTERED_CLIENTS: readonly RegisteredClient[] = [
  {
    clientId: WORKPLACE_JOIN_CLIENT_ID,
    name: 'Workplace Join',
    redirectUris: [WORKPLACE_JOIN_REDIRECT_URI],
  },
];

export function registeredClient(clientId: string): RegisteredClient | undefined {
  const id = clientId.toLowerCase();
  return REGISTERED_CLIENTS.find((c) => c.clientId.toLowerCase() === id);
}
