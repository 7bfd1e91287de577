/**
 * The WS-Federation passive sign-in response: `wresult` is a bare WS-Trust 2005
 * RequestSecurityTokenResponse carrying the signed SAML 1.1 assertion, posted to the relying
 * party together with `wa=wsignin1.0` and the request's `wctx`.
 * @see WS-Federation 1.2 §13.2.3 (wresult); [FEDSAML] [NWSFED] [AADI] (node-wsfed templates/form.ejs,
 *   lib/wsfed.js: `t:RequestSecurityTokenResponse` in the 2005 namespace; Entra requires SAML 1.1
 *   in WS-Fed passive)
 */
import { buildRstrElement } from '../wstrust/rstr.ts';
import { WA } from './constants.ts';

export interface SignInResponseInput {
  /** The signed assertion, inserted byte for byte. */
  readonly assertionXml: string;
  readonly tokenType: string;
  /** The relying party the token is for (the request's `wtrealm`). */
  readonly appliesTo: string;
  readonly created: Date;
  readonly expires: Date;
}

/** `wresult`: one RSTR in the WS-Trust 2005 namespace, as AD FS and node-wsfed post it. */
export function buildSignInResult(input: SignInResponseInput): string {
  return buildRstrElement({ version: '2005', ...input });
}

/** The form fields of the response, in the order AD FS writes them. */
export function signInResponseFields(
  wresult: string,
  context: string | undefined,
): [string, string][] {
  return [
    ['wa', WA.signIn],
    ['wresult', wresult],
    ...(context === undefined ? [] : ([['wctx', context]] as [string, string][])),
  ];
}
