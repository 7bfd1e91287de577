/**
 * Diagnosing documents: MEX documents built by the simulator's own builder (each breakage names
 * its cause, a complete one names the endpoint Windows picks), SOAP faults, and SAML assertions
 * signed with the TEST ONLY key, each claim checked against what Entra needs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLAIM, NAMEID_UNSPECIFIED } from '../../protocol/claims/claim-types.ts';
import { uuidAsBase64BigEndian, uuidAsBase64Guid } from '../../protocol/encoding/guid.ts';
import { buildMex, type MexBreakage, type MexEndpoint } from '../../protocol/mex/build-mex.ts';
import { buildAssertion } from '../../protocol/saml11/build-assertion.ts';
import { signAssertion } from '../../protocol/saml11/sign-assertion.ts';
import type { Saml11Attribute } from '../../protocol/saml11/types.ts';
import { buildRstr } from '../../protocol/wstrust/rstr.ts';
import { buildSoapFault } from '../../protocol/wstrust/soap-fault.ts';
import { diagnoseText } from './diagnose.ts';

const pem = (name: string) =>
  readFileSync(new URL(`../../../certs/${name}`, import.meta.url), 'utf8');
const NOW = new Date('2025-07-10T17:22:13Z');
const GUID = '3f0817b9-ca17-4714-ab81-f7b5943dec7b';
const SID = 'S-1-5-21-1004336348-1177238915-682003330-1105';
const ENDPOINTS: MexEndpoint[] = [
  {
    kind: 'windowstransport',
    version: '1.3',
    address: 'https://sts.contoso.com/adfs/services/trust/13/windowstransport',
  },
  {
    kind: 'usernamemixed',
    version: '1.3',
    address: 'https://sts.contoso.com/adfs/services/trust/13/usernamemixed',
  },
];

function diagnosed(text: string) {
  const d = diagnoseText(text, NOW);
  if (!d.ok) throw new Error(d.message);
  return d.diagnosis;
}

describe('MEX documents', () => {
  it('a complete MEX: the windowstransport endpoint Windows picks, no cause', () => {
    const d = diagnosed(buildMex({ endpoints: ENDPOINTS }));
    expect(d.kinds).toEqual(['MEX document (WS-MetadataExchange / WSDL)']);
    expect(d.findings).toEqual([]);
    expect(d.notes[0]).toContain(
      'https://sts.contoso.com/adfs/services/trust/13/windowstransport (WS-Trust 1.3',
    );
    expect(d.details[0]!.lines.join('\n')).toContain('CHOSEN: Windows integrated auth');
  });

  it('no windowstransport endpoint: mex-no-windows-auth-endpoint (predicted 0xcaa90022)', () => {
    const d = diagnosed(buildMex({ endpoints: ENDPOINTS.slice(1) }));
    expect(d.findings[0]?.cause.id).toBe('mex-no-windows-auth-endpoint');
    expect(d.findings[0]?.predicted).toBe(true);
  });

  it.each([
    [{ omitAddress: true }, 'mex-port-no-address'],
    [{ omitBinding: true }, 'mex-port-no-binding'],
    [{ omitSoapAction: true }, 'mex-binding-no-soap-action'],
    [{ omitSoapTransport: true }, 'mex-binding-no-soap-transport'],
    [{ omitPolicyReferenceUri: true }, 'mex-policy-reference-no-uri'],
    [{ omitBindingName: true }, 'mex-binding-no-name'],
  ] as [MexBreakage, string][])('breakage %j → %s', (breakage, cause) => {
    expect(diagnosed(buildMex({ endpoints: ENDPOINTS, breakage })).findings[0]?.cause.id).toBe(
      cause,
    );
  });

  it('http port addresses → mex-port-address-not-https', () => {
    const http = ENDPOINTS.map((e) => ({ ...e, address: e.address.replace('https:', 'http:') }));
    expect(diagnosed(buildMex({ endpoints: http })).findings[0]?.cause.id).toBe(
      'mex-port-address-not-https',
    );
  });

  it('an HTML page where the MEX should be → mex-not-xml', () => {
    const d = diagnosed('<!DOCTYPE html><html><body>Sign in</body></html>');
    expect(d.findings[0]?.cause.id).toBe('mex-not-xml');
  });
});

function assertion(attrs: Saml11Attribute[], opts: { nameId?: boolean; audience?: string } = {}) {
  const xml = buildAssertion({
    assertionId: '_a1b2c3',
    issuer: 'https://sso.example.com/applications/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e',
    issueInstant: NOW,
    notBefore: NOW,
    notOnOrAfter: new Date(NOW.getTime() + 3600_000),
    audiences: [opts.audience ?? 'urn:federation:MicrosoftOnline'],
    ...(opts.nameId === false
      ? {}
      : { nameIdentifier: { value: uuidAsBase64Guid(GUID), format: NAMEID_UNSPECIFIED } }),
    attributes: attrs,
    authenticationMethod: 'urn:federation:authentication:windows',
    authenticationInstant: NOW,
  });
  return signAssertion(xml, pem('idp-signing.key'), pem('idp-signing.crt'));
}

const good: Saml11Attribute[] = [
  { ...CLAIM.accounttype, values: ['DJ'] },
  { ...CLAIM.onpremobjectguid, values: [uuidAsBase64Guid(GUID)] },
  { ...CLAIM.primarysid, values: [SID] },
  { ...CLAIM.ImmutableID, values: [uuidAsBase64Guid(GUID)] },
];

describe('SAML assertions and RSTRs', () => {
  it('a good device assertion: every check passes, the signature is reported as not verifiable', () => {
    const d = diagnosed(assertion(good));
    expect(d.findings).toEqual([]);
    const text = d.details.flatMap((x) => x.lines).join('\n');
    expect(text).toContain(`✓ onpremobjectguid = ${uuidAsBase64Guid(GUID)}: objectGUID ${GUID}`);
    expect(text).toContain(`✓ primarysid = ${SID}`);
    expect(text).toContain("NOT VERIFIED: checking it needs your IdP's token-signing certificate");
    expect(text).toMatch(/SHA-1 thumbprint [0-9A-F]{40}/);
  });

  it('accounttype in the wrong NameFormat → device-claims-not-recognised, naming the namespace', () => {
    const wrong = good.map((a) =>
      a.name === 'accounttype'
        ? { ...a, namespace: 'http://schemas.microsoft.com/ws/2008/06/identity/claims' }
        : a,
    );
    const d = diagnosed(assertion(wrong));
    expect(d.findings[0]?.cause.id).toBe('device-claims-not-recognised');
    expect(d.findings[0]?.evidence[0]?.text).toContain(
      'accounttype: NameFormat (AttributeNamespace) http://schemas.microsoft.com/ws/2008/06/identity/claims; Entra needs http://schemas.microsoft.com/ws/2012/01',
    );
  });

  it('a big-endian onpremobjectguid shows both readings (the customer compares with AD)', () => {
    const be = good.map((a) =>
      a.name === 'onpremobjectguid' ? { ...a, values: [uuidAsBase64BigEndian(GUID)] } : a,
    );
    const text = diagnosed(assertion(be))
      .details.flatMap((x) => x.lines)
      .join('\n');
    expect(text).toContain(
      `if the computer's objectGUID is ${GUID} instead, the IdP wrote the GUID big-endian`,
    );
  });

  it('no NameIdentifier → immutableid-missing; wrong audience → audience-not-entra', () => {
    expect(diagnosed(assertion(good, { nameId: false })).findings[0]?.cause.id).toBe(
      'immutableid-missing',
    );
    expect(
      diagnosed(assertion(good, { audience: 'urn:federation:MicrosoftOnline:usgov' })).findings[0]
        ?.cause.id,
    ).toBe('audience-not-entra');
  });

  it('an RSTR with the #SAMLV1.1 TokenType → tokentype-sent-as-saml2; base64 of the assertion is read too', () => {
    const rstr = buildRstr({
      version: '1.3',
      assertionXml: assertion(good),
      tokenType: 'http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV1.1',
      created: NOW,
      expires: new Date(NOW.getTime() + 3600_000),
      appliesTo: 'urn:federation:MicrosoftOnline',
    });
    const d = diagnosed(rstr);
    expect(d.kinds).toEqual(['WS-Trust 1.3 RSTR']);
    expect(d.findings[0]?.cause.id).toBe('tokentype-sent-as-saml2');
    const b64 = diagnosed(Buffer.from(assertion(good)).toString('base64'));
    expect(b64.kinds[0]).toContain('decoded from base64');
    expect(b64.findings).toEqual([]);
  });

  it('a SOAP fault FailedAuthentication → sts-refused-windows-auth with the fault text as evidence', () => {
    const fault = buildSoapFault({
      code: 'Sender',
      subcode: {
        namespace:
          'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd',
        value: 'a:FailedAuthentication',
      },
      reason: 'ID3242: The security token could not be authenticated or authorized.',
    });
    const d = diagnosed(fault);
    expect(d.findings[0]?.cause.id).toBe('sts-refused-windows-auth');
    expect(d.findings[0]?.evidence.map((e) => e.text).join(' ')).toContain('ID3242');
  });

  it('XML diagnose does not know, or not well-formed, is refused with the reason', () => {
    const other = diagnoseText('<root xmlns="urn:x"/>', NOW);
    expect(other.ok).toBe(false);
    if (!other.ok)
      expect(other.message).toContain(
        'an XML document diagnose does not know (root element <root>',
      );
    const broken = diagnoseText('<a><b></a>', NOW);
    expect(broken.ok).toBe(false);
  });
});
