/**
 * `FederationMetadata.xml`: a SAML 2.0 metadata EntityDescriptor whose
 * `fed:SecurityTokenServiceType` RoleDescriptor publishes the token-signing certificate, the
 * token and claim types offered, the active STS endpoint (with its MEX reference) and the
 * passive requestor endpoint. Other role descriptors (a SAML-P IDPSSODescriptor) may follow.
 * @see WS-Federation 1.2 §3.1 (fed:SecurityTokenServiceType, TokenTypesOffered, ClaimTypesOffered,
 *   SecurityTokenServiceEndpoint, PassiveRequestorEndpoint); [FEDSAML] [NWSFED] [AADI]
 *   (node-wsfed templates/metadata.ejs; AD FS path /FederationMetadata/2007-06/FederationMetadata.xml)
 * AD FS also publishes its relying-party side: a `fed:ApplicationServiceType` RoleDescriptor
 * (TargetScopes, ApplicationServiceEndpoint, PassiveRequestorEndpoint; WS-Federation 1.2 §3.1.3)
 * before the STS one and a SAML 2.0 `SPSSODescriptor` after it (issue 17 item 13).
 * modeled: their children's order, the three NameIDFormats and the one signing key (AD FS adds
 * its token-decrypting certificate as an encryption key); no captured AD FS metadata is kept.
 */
import { X509Certificate } from 'node:crypto';
import { SimError } from '../../core/errors.ts';
import { certificateDer } from '../x509/build-certificate.ts';
import { escapeAttribute, escapeText } from '../xml/escape-xml.ts';
import { NS } from '../xml/namespaces.ts';
import { MD_NS, MEX_DIALECT_WSDL, MEX_NS, WSFED_AUTH_NS, WSFED_NS } from './constants.ts';

export interface OfferedClaimType {
  readonly uri: string;
  readonly displayName: string;
  readonly description?: string;
}

export interface FederationMetadataInput {
  /** The `ID` the enveloped signature references; an NCName such as `_<guid>`. */
  readonly id: string;
  readonly entityId: string;
  readonly signingCertificatePem: string;
  readonly tokenTypes: readonly string[];
  readonly claimTypes: readonly OfferedClaimType[];
  /** The active (WS-Trust) endpoint and the MEX document describing it. */
  readonly securityTokenService: { readonly address: string; readonly mex: string };
  readonly passiveEndpoint: string;
  /**
   * Further role descriptors, as XML in the metadata namespace (e.g. an IDPSSODescriptor), that
   * may use the `ds:` prefix; inserted after the RoleDescriptor.
   */
  readonly extraRoleDescriptorsXml?: string;
  /**
   * AD FS's relying-party side: a `fed:ApplicationServiceType` RoleDescriptor (before the STS
   * one) and a SAML 2.0 `SPSSODescriptor` (after it), as every AD FS FederationMetadata.xml has.
   */
  readonly relyingParty?: {
    /** `fed:TargetScopes`: the addresses tokens for the federation service itself are scoped to. */
    readonly targetScopes: readonly string[];
    /** `fed:ApplicationServiceEndpoint`. */
    readonly applicationServiceEndpoint: string;
    /** The SAML 2.0 endpoint (AD FS: `/adfs/ls/`) for single logout and the assertion consumer. */
    readonly saml2Endpoint: string;
  };
}

const SAML2_PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
const SAML2_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings';

const NCNAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

const endpointReference = (address: string, metadata = ''): string =>
  `<wsa:EndpointReference xmlns:wsa="${NS.wsa}"><wsa:Address>${escapeText(address, 'endpoint address')}</wsa:Address>${metadata}</wsa:EndpointReference>`;

export function buildFederationMetadata(input: FederationMetadataInput): string {
  if (!NCNAME.test(input.id)) {
    throw new SimError('ERR_USAGE', `federation metadata ID '${input.id}' is not an NCName`);
  }
  let certificate: string;
  try {
    const der = certificateDer(input.signingCertificatePem);
    new X509Certificate(der);
    certificate = der.toString('base64');
  } catch (cause) {
    throw new SimError('ERR_CERTIFICATE', 'the token-signing certificate is not readable', {
      cause,
    });
  }
  const tokenTypes = input.tokenTypes
    .map((t) => `<fed:TokenType Uri="${escapeAttribute(t, 'TokenType')}"/>`)
    .join('');
  const claimTypes = input.claimTypes
    .map(
      (c) =>
        `<auth:ClaimType Uri="${escapeAttribute(c.uri, 'ClaimType Uri')}" Optional="true" xmlns:auth="${WSFED_AUTH_NS}">` +
        `<auth:DisplayName>${escapeText(c.displayName, 'claim DisplayName')}</auth:DisplayName>` +
        (c.description === undefined
          ? ''
          : `<auth:Description>${escapeText(c.description, 'claim Description')}</auth:Description>`) +
        `</auth:ClaimType>`,
    )
    .join('');
  const mexReference =
    `<wsa:Metadata><Metadata xmlns="${MEX_NS}"><MetadataSection Dialect="${MEX_DIALECT_WSDL}">` +
    `<MetadataReference><Address xmlns="${NS.wsa}">${escapeText(input.securityTokenService.mex, 'MEX address')}</Address></MetadataReference>` +
    `</MetadataSection></Metadata></wsa:Metadata>`;
  const keyDescriptor = `<KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certificate}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></KeyDescriptor>`;
  const rp = input.relyingParty;
  const applicationService =
    rp === undefined
      ? ''
      : `<RoleDescriptor xsi:type="fed:ApplicationServiceType" protocolSupportEnumeration="${WSFED_NS}" xmlns:xsi="${NS.xsi}" xmlns:fed="${WSFED_NS}">` +
        keyDescriptor +
        `<fed:TargetScopes>${rp.targetScopes.map((s) => endpointReference(s)).join('')}</fed:TargetScopes>` +
        `<fed:ApplicationServiceEndpoint>${endpointReference(rp.applicationServiceEndpoint)}</fed:ApplicationServiceEndpoint>` +
        `<fed:PassiveRequestorEndpoint>${endpointReference(input.passiveEndpoint)}</fed:PassiveRequestorEndpoint>` +
        `</RoleDescriptor>`;
  const saml2 = rp === undefined ? '' : escapeAttribute(rp.saml2Endpoint, 'SAML 2.0 endpoint');
  const spSso =
    rp === undefined
      ? ''
      : `<SPSSODescriptor WantAssertionsSigned="true" protocolSupportEnumeration="${SAML2_PROTOCOL}">` +
        keyDescriptor +
        `<SingleLogoutService Binding="${SAML2_BINDING}:HTTP-Redirect" Location="${saml2}"/>` +
        `<SingleLogoutService Binding="${SAML2_BINDING}:HTTP-POST" Location="${saml2}"/>` +
        `<NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</NameIDFormat>` +
        `<NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</NameIDFormat>` +
        `<NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:transient</NameIDFormat>` +
        `<AssertionConsumerService Binding="${SAML2_BINDING}:HTTP-POST" Location="${saml2}" index="0" isDefault="true"/>` +
        `<AssertionConsumerService Binding="${SAML2_BINDING}:HTTP-Artifact" Location="${saml2}" index="1"/>` +
        `<AssertionConsumerService Binding="${SAML2_BINDING}:HTTP-Redirect" Location="${saml2}" index="2"/>` +
        `</SPSSODescriptor>`;
  return (
    `<EntityDescriptor ID="${input.id}" entityID="${escapeAttribute(input.entityId, 'entityID')}" xmlns="${MD_NS}" xmlns:ds="${NS.ds}">` +
    applicationService +
    `<RoleDescriptor xsi:type="fed:SecurityTokenServiceType" protocolSupportEnumeration="${WSFED_NS}" xmlns:xsi="${NS.xsi}" xmlns:fed="${WSFED_NS}">` +
    `<KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certificate}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></KeyDescriptor>` +
    `<fed:TokenTypesOffered>${tokenTypes}</fed:TokenTypesOffered>` +
    `<fed:ClaimTypesOffered>${claimTypes}</fed:ClaimTypesOffered>` +
    `<fed:SecurityTokenServiceEndpoint>${endpointReference(input.securityTokenService.address, mexReference)}</fed:SecurityTokenServiceEndpoint>` +
    `<fed:PassiveRequestorEndpoint>${endpointReference(input.passiveEndpoint)}</fed:PassiveRequestorEndpoint>` +
    `</RoleDescriptor>` +
    spSso +
    (input.extraRoleDescriptorsXml ?? '') +
    `</EntityDescriptor>`
  );
}
