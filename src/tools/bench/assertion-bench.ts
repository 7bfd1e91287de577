/**
 * Issuing one signed SAML 1.1 assertion with the device claims: our IdP's builder and signer
 * against auth0's `saml` 4.0.0 (an independent signer) for the same claims, key and algorithms.
 */
import { createRequire } from 'node:module';
import { CERTS_DIR, certificatePem, privateKey, readPem } from '../../core/keys.ts';
import {
  AUTHN_METHOD_WINDOWS,
  CLAIM,
  claimType,
  NAMEID_UNSPECIFIED,
} from '../../protocol/claims/claim-types.ts';
import { uuidAsBase64Guid } from '../../protocol/encoding/guid.ts';
import { buildAssertion } from '../../protocol/saml11/build-assertion.ts';
import { signAssertion } from '../../protocol/saml11/sign-assertion.ts';
import { cpuPerOp } from './stats.ts';

interface Auth0Saml {
  Saml11: { create(options: Record<string, unknown>): string };
}

const GUID = '3f0817b9-ca17-4714-ab81-f7b5943dec7b';
const SID = 'S-1-5-21-1004336348-1177238915-682003330-1105';
const ISSUER = 'https://sso.example.com/applications/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e';

export function measureAssertion(iterations: number): { oursMs: number; auth0SamlMs: number } {
  const key = privateKey(`${CERTS_DIR}/idp-signing.key`);
  const keyPem = readPem(`${CERTS_DIR}/idp-signing.key`);
  const cert = certificatePem(`${CERTS_DIR}/idp-signing.crt`);
  const b64 = uuidAsBase64Guid(GUID);
  const attributes = [
    { ...CLAIM.ImmutableID, values: [b64] },
    { ...CLAIM.accounttype, values: ['DJ'] },
    { ...CLAIM.onpremobjectguid, values: [b64] },
    { ...CLAIM.primarysid, values: [SID] },
  ];
  let n = 0;
  const oursMs = cpuPerOp(() => {
    const now = new Date();
    signAssertion(
      buildAssertion({
        assertionId: `_bench-${n++}`,
        issuer: ISSUER,
        issueInstant: now,
        notBefore: now,
        notOnOrAfter: new Date(now.getTime() + 3600_000),
        audiences: ['urn:federation:MicrosoftOnline'],
        nameIdentifier: { value: b64, format: NAMEID_UNSPECIFIED },
        attributes,
        authenticationMethod: AUTHN_METHOD_WINDOWS,
        authenticationInstant: now,
      }),
      key,
      cert,
    );
  }, iterations);
  const saml = createRequire(import.meta.url)('saml') as Auth0Saml;
  const auth0Attributes = Object.fromEntries(
    attributes.map((a) => [claimType(a.namespace, a.name), a.values[0]]),
  );
  const auth0SamlMs = cpuPerOp(() => {
    saml.Saml11.create({
      cert,
      key: keyPem,
      issuer: ISSUER,
      lifetimeInSeconds: 3600,
      audiences: 'urn:federation:MicrosoftOnline',
      attributes: auth0Attributes,
      nameIdentifier: b64,
      nameIdentifierFormat: NAMEID_UNSPECIFIED,
      signatureAlgorithm: 'rsa-sha256',
      digestAlgorithm: 'sha256',
    });
  }, iterations);
  return { oursMs, auth0SamlMs };
}
