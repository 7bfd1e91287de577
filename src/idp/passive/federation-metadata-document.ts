/**
 * The IdP's signed FederationMetadata.xml: its WS-Federation STS role (signing certificate, token
 * and claim types, active endpoint with its MEX, passive endpoint) and, where the profile serves
 * SAML-P from the same document (AD FS), the IDPSSODescriptor samlify describes.
 * @see [FEDSAML] [NWSFED] [AADI] (FederationMetadata.xml shape and AD FS path)
 */
import { CLAIM, claimType } from '../../protocol/claims/claim-types.ts';
import { parseXml } from '../../protocol/xml/parse-xml.ts';
import { buildFederationMetadata } from '../../protocol/wsfed/federation-metadata.ts';
import { signFederationMetadata } from '../../protocol/wsfed/sign-federation-metadata.ts';
import { selfAndDescendants } from '../../protocol/wstrust/dom.ts';
import { sourceOf } from '../../protocol/wstrust/xml-source.ts';
import type { IdpConfig } from '../idp-config.ts';
import type { IdpEndpoints } from '../profiles/idp-profile.ts';
import { samlpMetadata } from '../samlp/samlp-provider.ts';

/** The IDPSSODescriptor element of samlify's metadata, as text. */
function idpSsoDescriptor(cfg: IdpConfig, ssoUrl: string): string {
  const xml = samlpMetadata(cfg, ssoUrl);
  const root = parseXml(xml, 'samlify IdP metadata').documentElement!;
  const el = [...selfAndDescendants(root)].find((e) => e.localName === 'IDPSSODescriptor');
  return el === undefined ? '' : sourceOf(xml, root, el, 'samlify IdP metadata');
}

export function federationMetadataXml(cfg: IdpConfig, endpoints: IdpEndpoints): string {
  const base = `https://${cfg.host}`;
  const known = CLAIM as Readonly<Record<string, { namespace: string; name: string }>>;
  const claimTypes = cfg.profile.claimKeys.flatMap((key) => {
    const c = known[key];
    return c === undefined ? [] : [{ uri: claimType(c.namespace, c.name), displayName: key }];
  });
  const unsigned = buildFederationMetadata({
    id: `_${cfg.ids.uuid()}`,
    entityId: cfg.issuer,
    signingCertificatePem: cfg.signing.certificatePem,
    tokenTypes: cfg.profile.tokenTypesOffered,
    claimTypes,
    securityTokenService: {
      address: `${base}${endpoints.stsPathFor({ kind: 'usernamemixed', version: '1.3' })}`,
      mex: `${base}${endpoints.mex[0]?.path ?? ''}`,
    },
    passiveEndpoint: `${base}${endpoints.passive}`,
    ...(cfg.profile.name === 'adfs'
      ? {
          relyingParty: {
            targetScopes: [`${base}/adfs/services/trust/`, cfg.issuer],
            applicationServiceEndpoint: `${base}${endpoints.stsPathFor({ kind: 'issuedtokenmixedsymmetricbasic256', version: '2005' })}`,
            saml2Endpoint: `${base}${endpoints.passive}`,
          },
        }
      : {}),
    ...(endpoints.samlp.metadata === endpoints.federationMetadata
      ? { extraRoleDescriptorsXml: idpSsoDescriptor(cfg, `${base}${endpoints.samlp.sso}`) }
      : {}),
  });
  return signFederationMetadata(unsigned, cfg.signing.key, cfg.signing.certificatePem);
}
