/**
 * The IdP's SAML-P side, built with samlify: its IDPSSODescriptor metadata and a signed SAML 2.0
 * Response for Entra (`urn:federation:MicrosoftOnline`, ACS `login.srf`) whose NameID is the
 * ImmutableID (persistent) and whose `IDPEmail` attribute is the UPN. Times and ids come from
 * the IdP's injected clock and id source (samlify's own template values are replaced).
 * @see learn.microsoft.com/entra/identity/hybrid/connect/how-to-connect-fed-saml-idp ("Use a SAML
 *   2.0 IdP for SSO": NameID = ImmutableID, persistent; IDPEmail = UPN; audience
 *   urn:federation:MicrosoftOnline); SAML 2.0 Core §2, Bindings §3.5; docs/decisions/0013-idp-profiles-and-samlify.md
 * modeled: the validity window (the IdP's configured lifetime), the AuthnContextClassRef
 *   (`urn:federation:authentication:windows` after Windows auth, PasswordProtectedTransport after a
 *   password).
 */
import samlify from 'samlify';
import { ENTRA_AUDIENCE } from '../../protocol/entra-names.ts';
import { ENTRA_PASSIVE_ENDPOINT } from '../../protocol/wsfed/constants.ts';
import { AUTHN_METHOD_WINDOWS } from '../../protocol/claims/claim-types.ts';
import { resolveClaimValue } from '../claims/resolve-claims.ts';
import type { IdpConfig } from '../idp-config.ts';
import type { AuthenticationKind, Principal } from '../principal.ts';
import type { AuthnRequest } from './authn-request.ts';

export const NAMEID_PERSISTENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';
const BINDING_REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const BINDING_POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
const STATUS_SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const AUTHN_CONTEXT: Readonly<Record<AuthenticationKind, string>> = {
  windows: AUTHN_METHOD_WINDOWS,
  password: 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport',
};

function identityProvider(cfg: IdpConfig, ssoUrl: string) {
  const key = cfg.signing.key.export({ type: 'pkcs8', format: 'pem' }).toString();
  return samlify.IdentityProvider({
    entityID: cfg.issuer,
    signingCert: cfg.signing.certificatePem,
    privateKey: key,
    nameIDFormat: [NAMEID_PERSISTENT],
    requestSignatureAlgorithm:
      cfg.signing.signatureAlgorithm === 'rsa-sha1'
        ? 'http://www.w3.org/2000/09/xmldsig#rsa-sha1'
        : 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    singleSignOnService: [
      { Binding: BINDING_REDIRECT, Location: ssoUrl },
      { Binding: BINDING_POST, Location: ssoUrl },
    ],
    singleLogoutService: [{ Binding: BINDING_REDIRECT, Location: ssoUrl }],
    loginResponseTemplate: {
      context: samlify.SamlLib.defaultLoginResponseTemplate.context,
      attributes: [
        {
          name: 'IDPEmail',
          valueTag: 'upn',
          nameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified',
          valueXsiType: 'xs:string',
        },
      ],
    },
  });
}

function entra(acs: string) {
  return samlify.ServiceProvider({
    entityID: ENTRA_AUDIENCE,
    wantAssertionsSigned: true,
    assertionConsumerService: [{ Binding: BINDING_POST, Location: acs }],
  });
}

/** The IdP's SAML 2.0 metadata (an EntityDescriptor with one IDPSSODescriptor). */
export function samlpMetadata(cfg: IdpConfig, ssoUrl: string): string {
  return identityProvider(cfg, ssoUrl).getMetadata();
}

export interface SamlpResponse {
  /** base64 `SAMLResponse` for the auto-post form. */
  readonly samlResponse: string;
  readonly acs: string;
}

/** A signed Response to `request` for `p`, posted to Entra's ACS. */
export async function samlpLoginResponse(
  cfg: IdpConfig,
  ssoUrl: string,
  request: AuthnRequest,
  p: Principal,
  how: AuthenticationKind,
): Promise<SamlpResponse> {
  const acs = request.assertionConsumerServiceUrl ?? ENTRA_PASSIVE_ENDPOINT;
  const now = cfg.clock.now();
  const notBefore = new Date(now.getTime() + cfg.validity.notBeforeOffsetSeconds * 1000);
  const notOnOrAfter = new Date(notBefore.getTime() + cfg.validity.lifetimeSeconds * 1000);
  const immutableId =
    resolveClaimValue({ kind: 'immutableId', encoding: 'uuidAsBase64Guid' }, p) ?? '';
  const upn = resolveClaimValue({ kind: 'upn' }, p);
  const responseId = `_${cfg.ids.uuid()}`;
  const assertionId = `_${cfg.ids.uuid()}`;
  const values: Record<string, string> = {
    ID: responseId,
    AssertionID: assertionId,
    Destination: acs,
    Audience: cfg.audience ?? ENTRA_AUDIENCE,
    SubjectRecipient: acs,
    Issuer: cfg.issuer,
    IssueInstant: now.toISOString(),
    StatusCode: STATUS_SUCCESS,
    ConditionsNotBefore: notBefore.toISOString(),
    ConditionsNotOnOrAfter: notOnOrAfter.toISOString(),
    SubjectConfirmationDataNotOnOrAfter: notOnOrAfter.toISOString(),
    NameIDFormat: cfg.nameIdentifier.format ?? NAMEID_PERSISTENT,
    NameID: cfg.nameIdentifier.value ?? immutableId,
    InResponseTo: request.id,
    attrUpn: upn ?? '',
  };
  // replaceTagsByValue escapes every value, so the statement (XML) goes in first.
  const authnStatement =
    `<saml:AuthnStatement AuthnInstant="${now.toISOString()}" SessionIndex="${assertionId}">` +
    `<saml:AuthnContext><saml:AuthnContextClassRef>${AUTHN_CONTEXT[how]}</saml:AuthnContextClassRef></saml:AuthnContext>` +
    `</saml:AuthnStatement>`;
  const result = await identityProvider(cfg, ssoUrl).createLoginResponse(
    entra(acs),
    { extract: { request: { id: request.id } } },
    'post',
    {},
    {
      customTagReplacement: (template: string) => ({
        id: responseId,
        context: samlify.SamlLib.replaceTagsByValue(
          template.replace('{AuthnStatement}', authnStatement),
          values,
        ),
      }),
    },
  );
  return { samlResponse: result.context, acs };
}
