import { readFileSync } from 'node:fs';
import { createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isSimError } from '../../core/errors.ts';
import { childElements, parseXml } from '../xml/parse-xml.ts';
import { buildFederationMetadata, type FederationMetadataInput } from './federation-metadata.ts';
import { signFederationMetadata } from './sign-federation-metadata.ts';

const cert = readFileSync(new URL('../../../certs/idp-signing.crt', import.meta.url), 'utf8');
const key = createPrivateKey(
  readFileSync(new URL('../../../certs/idp-signing.key', import.meta.url), 'utf8'),
);

const input: FederationMetadataInput = {
  id: '_5f2c0000-0000-4000-8000-000000000001',
  entityId: 'http://contoso.example/adfs/services/trust/',
  signingCertificatePem: cert,
  tokenTypes: ['urn:oasis:names:tc:SAML:1.0:assertion'],
  claimTypes: [
    { uri: 'http://schemas.xmlsoap.org/claims/UPN', displayName: 'UPN', description: 'a & b' },
  ],
  securityTokenService: {
    address: 'https://sts.contoso.example/adfs/services/trust/13/usernamemixed',
    mex: 'https://sts.contoso.example/adfs/services/trust/mex',
  },
  passiveEndpoint: 'https://sts.contoso.example/adfs/ls/',
};

describe('federation metadata', () => {
  it('is a SAML metadata EntityDescriptor with a SecurityTokenServiceType role', () => {
    const xml = buildFederationMetadata(input);
    const root = parseXml(xml, 'metadata').documentElement!;
    expect(root.namespaceURI).toBe('urn:oasis:names:tc:SAML:2.0:metadata');
    const role = childElements(root)[0]!;
    expect(role.getAttributeNS('http://www.w3.org/2001/XMLSchema-instance', 'type')).toBe(
      'fed:SecurityTokenServiceType',
    );
    expect(childElements(role).map((e) => e.localName)).toEqual([
      'KeyDescriptor',
      'TokenTypesOffered',
      'ClaimTypesOffered',
      'SecurityTokenServiceEndpoint',
      'PassiveRequestorEndpoint',
    ]);
    expect(xml).toContain('<auth:Description>a &amp; b</auth:Description>');
  });

  it('AD FS: an ApplicationServiceType role before the STS role and an SPSSODescriptor after it (issue 17 item 13)', () => {
    const xml = buildFederationMetadata({
      ...input,
      relyingParty: {
        targetScopes: ['https://sts.contoso.example/adfs/services/trust/'],
        applicationServiceEndpoint:
          'https://sts.contoso.example/adfs/services/trust/2005/issuedtokenmixedsymmetricbasic256',
        saml2Endpoint: 'https://sts.contoso.example/adfs/ls/',
      },
    });
    const root = parseXml(xml, 'metadata').documentElement!;
    const roles = childElements(root);
    const type = (e: Element) =>
      e.getAttributeNS('http://www.w3.org/2001/XMLSchema-instance', 'type') || e.localName;
    expect(roles.map(type)).toEqual([
      'fed:ApplicationServiceType',
      'fed:SecurityTokenServiceType',
      'SPSSODescriptor',
    ]);
    expect(childElements(roles[0]!).map((e) => e.localName)).toEqual([
      'KeyDescriptor',
      'TargetScopes',
      'ApplicationServiceEndpoint',
      'PassiveRequestorEndpoint',
    ]);
    const sp = roles[2]!;
    expect(sp.getAttribute('protocolSupportEnumeration')).toBe(
      'urn:oasis:names:tc:SAML:2.0:protocol',
    );
    expect(sp.getAttribute('WantAssertionsSigned')).toBe('true');
    expect(childElements(sp).map((e) => e.localName)).toContain('AssertionConsumerService');
    // Still one valid signature over the whole document.
    const signed = signFederationMetadata(xml, key, cert);
    expect(childElements(parseXml(signed, 'metadata').documentElement!)[0]?.localName).toBe(
      'Signature',
    );
  });

  it('is signed with the signature as the first child', () => {
    const signed = signFederationMetadata(buildFederationMetadata(input), key, cert);
    const root = parseXml(signed, 'metadata').documentElement!;
    expect(childElements(root)[0]?.localName).toBe('Signature');
    expect(signed).toContain(`URI="#${input.id}"`);
  });

  it('refuses an ID that is not an NCName and a certificate that is not one', () => {
    for (const bad of [{ id: '1abc' }, { signingCertificatePem: 'nope' }]) {
      let error: unknown;
      try {
        buildFederationMetadata({ ...input, ...bad });
      } catch (e) {
        error = e;
      }
      expect(isSimError(error)).toBe(true);
    }
  });
});
