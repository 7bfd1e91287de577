/**
 * Diagnoses an XML document a support engineer has in hand: a MEX document (which endpoint
 * Windows would pick, and why each other port is not it — parseMex, the client's own reader), an
 * RSTR or SOAP fault (parseRstr), or a SAML 1.1 / 2.0 assertion whose claims are each checked
 * against what Entra needs (claim types from claim-types.ts, GUID and SID shapes from the
 * encoders Entra's checks use). Problems become predicted facts, so the same causes rank them.
 * The assertion's signature is not verified: that needs the IdP's certificate, which only the
 * customer's Graph configuration holds.
 * @see src/protocol/mex/select-endpoint.ts; src/protocol/wstrust/rstr.ts;
 *   src/entra/token/check-device-claims.ts, check-audience.ts, check-immutable-id.ts (the rules)
 * modeled: the AADSTS codes predicted for a document are those mock Entra answers with.
 */
import { X509Certificate } from 'node:crypto';
import { CLOCK_SKEW_MS, ENTRA_AUDIENCE } from '../../protocol/entra-names.ts';
import { isSimError } from '../../core/errors.ts';
import {
  ACCOUNTTYPE_DOMAIN_JOINED,
  ACCOUNTTYPE_USER,
  CLAIM,
  claimType,
} from '../../protocol/claims/claim-types.ts';
import { judgeDeviceClaims } from '../../protocol/claims/device-claims.ts';
import { uuidAsBase64BigEndian } from '../../protocol/encoding/guid.ts';
import { WSA_NS } from '../../protocol/wstrust/constants.ts';
import { childPath, selfAndDescendants } from '../../protocol/wstrust/dom.ts';
import { parseMex } from '../../protocol/mex/select-endpoint.ts';
import { WSDL_NS } from '../../protocol/mex/namespaces.ts';
import { readAssertion as readSaml11 } from '../../protocol/saml11/parse-assertion.ts';
import { readAssertion as readSaml2 } from '../../protocol/saml2/parse-assertion.ts';
import { NS } from '../../protocol/xml/namespaces.ts';
import { childElements, parseXml, textOf } from '../../protocol/xml/parse-xml.ts';
import { grantTypeForTokenType, parseRstr } from '../../protocol/wstrust/rstr.ts';
import { aadstsFact, hresultFact, signalFact, type Facts } from '../../protocol/causes/facts.ts';
import { HR } from '../../protocol/hresult/catalog.ts';
import { AADSTS } from '../../protocol/oauth/aadsts.ts';

export interface Detail {
  readonly title: string;
  readonly lines: readonly string[];
}

export type XmlDiagnosis =
  | {
      readonly ok: true;
      readonly kind: string;
      readonly details: Detail[];
      readonly notes: string[];
    }
  | { readonly ok: false; readonly message: string };

const predict = (facts: Facts, key: Parameters<Facts['add']>[0], text: string) =>
  facts.add(key, { text }, { predicted: true });

const DS_NS = NS.ds;

function mexPorts(doc: Document): { name: string; binding: string; address: string }[] {
  const out: { name: string; binding: string; address: string }[] = [];
  for (const el of selfAndDescendants(doc.documentElement!)) {
    if (el.namespaceURI !== WSDL_NS || el.localName !== 'port') continue;
    const address = childPath(el, [
      [WSA_NS, 'EndpointReference'],
      [WSA_NS, 'Address'],
    ]);
    out.push({
      name: el.getAttribute('name') || '(unnamed)',
      binding: el.getAttribute('binding') || '(none)',
      address: address ? textOf(address).trim() : '(no address)',
    });
  }
  return out;
}

function diagnoseMex(xml: string, doc: Document, facts: Facts): XmlDiagnosis {
  const sel = parseMex(xml);
  const lines: string[] = [];
  const ports = mexPorts(doc);
  for (const port of ports) {
    const warning = sel.warnings.find((w) => w.detail.includes(`'${port.name}'`));
    const verdict =
      sel.integrated?.address === port.address
        ? `CHOSEN: Windows integrated auth, WS-Trust ${sel.integrated.version}`
        : warning
          ? `skipped: ${warning.detail} (${warning.hresult})`
          : sel.usernamePassword?.address === port.address
            ? 'username/password endpoint (not used for a computer)'
            : "not a Windows-auth endpoint (its binding's policy has no NegotiateAuthentication, or its soapAction is not a WS-Trust 1.3/2005 Issue)";
    lines.push(`${port.name}  ${port.address}`, `    ${verdict}`);
  }
  for (const w of sel.warnings) {
    if (!ports.some((p) => w.detail.includes(`'${p.name}'`)))
      lines.push(`warning ${w.hresult}: ${w.detail}`);
    predict(facts, hresultFact(w.hresult), `MEX: ${w.detail}`);
  }
  const notes: string[] = [];
  if (sel.integrated) {
    notes.push(
      `Windows would authenticate the computer at ${sel.integrated.address} (WS-Trust ${sel.integrated.version} windowstransport).`,
    );
    if (sel.integrated.version === '2005')
      notes.push(
        'Only a WS-Trust 2005 Windows-auth endpoint is published: Windows accepts it; PingOne and ADAL name WS-Trust 1.3 as the expected one.',
      );
  } else {
    predict(
      facts,
      hresultFact(HR.ERROR_ADAL_COULDNOT_DISCOVER_INTEGRATED_AUTH_ENDPOINT),
      `MEX: no port with a Windows integrated auth (NegotiateAuthentication) policy, a SOAP-over-HTTP binding, a WS-Trust Issue action and an https address (${ports.length} ports)`,
    );
  }
  return {
    ok: true,
    kind: 'MEX document (WS-MetadataExchange / WSDL)',
    details: [{ title: `Endpoints (${ports.length} ports)`, lines }],
    notes,
  };
}

interface ClaimRow {
  readonly type: string;
  readonly namespace?: string;
  readonly name: string;
  readonly values: readonly string[];
}

function signatureLines(assertion: Element): string[] {
  const sig = childElements(assertion, DS_NS, 'Signature')[0];
  if (!sig) return [];
  const lines = ['present (enveloped ds:Signature)'];
  const method = [...selfAndDescendants(sig)].find(
    (e) => e.namespaceURI === DS_NS && e.localName === 'SignatureMethod',
  );
  if (method) lines.push(`algorithm: ${method.getAttribute('Algorithm')}`);
  const certEl = [...selfAndDescendants(sig)].find(
    (e) => e.namespaceURI === DS_NS && e.localName === 'X509Certificate',
  );
  if (certEl) {
    try {
      const cert = new X509Certificate(Buffer.from(textOf(certEl).replace(/\s+/g, ''), 'base64'));
      lines.push(
        `KeyInfo certificate: ${cert.subject.replace(/\n/g, ', ')}; SHA-1 thumbprint ${cert.fingerprint.replace(/:/g, '')}; valid ${cert.validFrom} – ${cert.validTo}`,
      );
    } catch {
      lines.push('KeyInfo carries a certificate that does not parse as X.509');
    }
  }
  lines.push(
    "NOT VERIFIED: checking it needs your IdP's token-signing certificate; Entra verifies it against the domain's SigningCertificate (or NextSigningCertificate) — compare the thumbprint with Get-MgDomainFederationConfiguration.",
  );
  return lines;
}

function checkValidity(
  notBefore: string | undefined,
  notOnOrAfter: string | undefined,
  facts: Facts,
  now: Date,
): string {
  const nb = notBefore ? Date.parse(notBefore) : NaN;
  const na = notOnOrAfter ? Date.parse(notOnOrAfter) : NaN;
  const t = now.getTime();
  const range = `NotBefore ${notBefore ?? '(none)'}, NotOnOrAfter ${notOnOrAfter ?? '(none)'}`;
  if (!Number.isNaN(na) && t >= na + CLOCK_SKEW_MS) {
    predict(
      facts,
      aadstsFact(AADSTS.AssertionNotWithinValidTimeRange),
      `assertion expired: NotOnOrAfter ${notOnOrAfter} (now ${now.toISOString()})`,
    );
    return `✗ ${range}: expired (checked against this machine's clock, ${now.toISOString()}); Entra answers AADSTS${AADSTS.AssertionNotWithinValidTimeRange}`;
  }
  if (!Number.isNaN(nb) && t + CLOCK_SKEW_MS < nb) {
    predict(
      facts,
      aadstsFact(AADSTS.AssertionNotWithinValidTimeRange),
      `assertion not yet valid: NotBefore ${notBefore} (now ${now.toISOString()})`,
    );
    return `✗ ${range}: not yet valid (the IdP's clock is ahead); Entra answers AADSTS${AADSTS.AssertionNotWithinValidTimeRange}`;
  }
  return `✓ ${range} (a saved token has usually expired by now; only the IdP's and Entra's clocks at issue time matter)`;
}

function checkDeviceClaims(claims: readonly ClaimRow[], facts: Facts, saml2: boolean): string[] {
  const lines: string[] = [];
  const problems: string[] = [];
  const fail = (msg: string) => {
    lines.push(`✗ ${msg}`);
    problems.push(msg);
  };
  for (const v of judgeDeviceClaims(claims).claims) {
    const c = CLAIM[v.claim];
    if (v.status === 'missing') {
      const got = claims.find((x) => x.type === v.elsewhere[0]);
      if (got)
        fail(
          saml2
            ? `${c.name}: Attribute Name ${got.type}; Entra needs Name="${v.expected}"`
            : `${c.name}: NameFormat (AttributeNamespace) ${got.namespace ?? '(none)'}; Entra needs ${c.namespace}`,
        );
      else fail(`${c.name}: missing (Entra needs ${v.expected})`);
      continue;
    }
    if (v.status === 'wrong-value') {
      if (v.problem === 'not-domain-joined')
        fail(
          `accounttype = '${v.value}'; a computer's token needs '${ACCOUNTTYPE_DOMAIN_JOINED}'${v.value === ACCOUNTTYPE_USER ? " ('User' marks a user's token)" : ''}`,
        );
      else if (v.problem === 'not-a-guid')
        fail(`onpremobjectguid = '${v.value}': not base64 of 16 bytes (the objectGUID bytes)`);
      else fail(`primarysid = '${v.value}': not a SID (S-1-5-21-…)`);
      continue;
    }
    if (v.claim === 'onpremobjectguid') {
      const bigEndian = Buffer.from(v.value, 'base64').toString('hex');
      const be = `${bigEndian.slice(0, 8)}-${bigEndian.slice(8, 12)}-${bigEndian.slice(12, 16)}-${bigEndian.slice(16, 20)}-${bigEndian.slice(20)}`;
      lines.push(
        `✓ onpremobjectguid = ${v.value}: objectGUID ${v.guid} (Microsoft byte order, as Entra reads it)`,
        `    if the computer's objectGUID is ${be} instead, the IdP wrote the GUID big-endian: use uuidAsBase64Guid (PingOne) / the ;objectguid; query (AD FS); Entra then answers AADSTS${AADSTS.UserAccountNotInDirectory}`,
      );
      if (uuidAsBase64BigEndian(v.guid!) === v.value)
        lines.push('    (this GUID reads the same in both byte orders)');
    } else lines.push(`✓ ${v.claim} = ${v.value}`);
  }
  const upn = claims.find((x) => x.name.toLowerCase() === 'upn');
  const accounttype = claims.find((x) => x.name === 'accounttype')?.values[0];
  if (problems.length > 0) {
    if (
      accounttype === ACCOUNTTYPE_USER ||
      (!claims.some((x) => x.name === 'accounttype') && upn)
    ) {
      lines.push(
        `  This looks like a user's token (${upn ? `UPN ${upn.values[0]}` : 'accounttype User'}): a computer's token is what hybrid join needs.`,
      );
    }
    predict(
      facts,
      aadstsFact(AADSTS.UserAccountNotInDirectory),
      `not a device token for Entra: ${problems.join('; ')}`,
    );
  }
  return lines;
}

function diagnoseAssertion(
  assertion: Element,
  facts: Facts,
  now: Date,
  tokenType: string | undefined,
): Detail[] {
  const saml2 = assertion.namespaceURI === NS.saml2;
  const lines: string[] = [];
  let claims: ClaimRow[];
  let issuer: string;
  let audiences: readonly string[];
  let subject: string | undefined;
  let notBefore: string | undefined;
  let notOnOrAfter: string | undefined;
  if (saml2) {
    const a = readSaml2(assertion);
    claims = a.attributes.map((x) => ({
      type: x.name,
      name: x.name.slice(x.name.lastIndexOf('/') + 1),
      values: x.values,
    }));
    ({ issuer, audiences, notBefore, notOnOrAfter } = a);
    subject = a.nameId?.value;
    lines.push(`SAML 2.0 assertion ${a.id}`);
  } else {
    const a = readSaml11(assertion);
    claims = a.attributes.map((x) => ({
      type: claimType(x.namespace, x.name),
      namespace: x.namespace,
      name: x.name,
      values: x.values,
    }));
    ({ issuer, audiences, notBefore, notOnOrAfter } = a);
    subject = a.nameIdentifier?.value;
    lines.push(`SAML ${a.majorVersion}.${a.minorVersion} assertion ${a.assertionId}`);
  }
  const checks: string[] = [];
  checks.push(
    `• Issuer ${issuer}: must equal the domain's IssuerUri character for character (a trailing slash counts), else AADSTS${AADSTS.InvalidRealmUri}`,
  );
  const issuerId = claims.find(
    (c) => c.type === claimType(CLAIM.issuerid.namespace, CLAIM.issuerid.name),
  );
  if (issuerId)
    checks.push(
      `• issuerid ${issuerId.values[0]}: Entra compares this with IssuerUri instead of the Issuer`,
    );
  if (audiences.includes(ENTRA_AUDIENCE)) checks.push(`✓ Audience ${ENTRA_AUDIENCE}`);
  else {
    checks.push(`✗ Audience ${audiences.join(', ') || '(none)'}: Entra needs ${ENTRA_AUDIENCE}`);
    predict(
      facts,
      signalFact('audience-mismatch'),
      `Audience ${audiences.join(', ') || '(none)'} is not ${ENTRA_AUDIENCE}`,
    );
    predict(facts, aadstsFact(AADSTS.InvalidAssertion), `Audience is not ${ENTRA_AUDIENCE}`);
  }
  checks.push(checkValidity(notBefore, notOnOrAfter, facts, now));
  if (subject) checks.push(`✓ Subject NameIdentifier (ImmutableID) ${subject}`);
  else {
    checks.push(
      `✗ no Subject NameIdentifier: Entra reads the ImmutableID there (AADSTS${AADSTS.SAML11AssertionMissingImmutableId})`,
    );
    predict(
      facts,
      aadstsFact(saml2 ? AADSTS.InvalidSamlToken : AADSTS.SAML11AssertionMissingImmutableId),
      'the assertion has no Subject NameIdentifier (ImmutableID)',
    );
  }
  checks.push(...checkDeviceClaims(claims, facts, saml2));
  if (tokenType !== undefined) {
    const grant = grantTypeForTokenType(tokenType);
    if (saml2 && grant === 'saml1_1-bearer') {
      checks.push(
        `✗ TokenType ${tokenType} says SAML 1.1 but the assertion is SAML 2.0 (AADSTS${AADSTS.InvalidSamlToken})`,
      );
      predict(
        facts,
        signalFact('saml-version-mismatch'),
        `TokenType ${tokenType} with a SAML 2.0 assertion`,
      );
      predict(
        facts,
        aadstsFact(AADSTS.InvalidSamlToken),
        'SAML 2.0 assertion redeemed as saml1_1-bearer',
      );
    } else if (!saml2 && tokenType !== NS.saml11) {
      checks.push(
        `✗ TokenType ${tokenType}: the Windows client (modeled) redeems anything but urn:oasis:names:tc:SAML:1.0:assertion with saml2-bearer → AADSTS${AADSTS.SamlResponseTypeNotSupported}`,
      );
      predict(
        facts,
        aadstsFact(AADSTS.SamlResponseTypeNotSupported),
        `RSTR TokenType ${tokenType} for a SAML 1.1 assertion`,
      );
    } else checks.push(`✓ TokenType ${tokenType}`);
  }
  const sig = signatureLines(assertion);
  if (sig.length === 0) {
    checks.push(
      `✗ Signature: none — Entra refuses an unsigned assertion (AADSTS${AADSTS.InvalidSamlToken})`,
    );
    predict(facts, aadstsFact(AADSTS.InvalidSamlToken), 'the assertion is not signed');
  }
  const claimLines = claims.map((c) => `${c.type} = ${c.values.join(', ')}`);
  return [
    { title: 'Assertion', lines: [...lines, `Issuer ${issuer}`] },
    { title: 'Checks against what Entra needs', lines: checks },
    ...(sig.length > 0 ? [{ title: 'Signature', lines: sig }] : []),
    { title: `Claims (${claims.length})`, lines: claimLines },
  ];
}

const HTML = /^\s*(?:<!doctype\s+html|<html[\s>])/i;

export function diagnoseXml(xml: string, facts: Facts, now: Date): XmlDiagnosis {
  if (HTML.test(xml)) {
    predict(
      facts,
      hresultFact(HR.ERROR_ADAL_FAILED_TO_PARSE_XML),
      'an HTML page where the MEX document should be',
    );
    return {
      ok: true,
      kind: 'HTML page',
      details: [],
      notes: [
        `An HTML page, not XML: if this is what the MetadataExchangeUri (or the windowstransport endpoint) answers, Windows reports ${HR.ERROR_ADAL_FAILED_TO_PARSE_XML}.`,
      ],
    };
  }
  let doc: Document;
  try {
    doc = parseXml(xml, 'the XML document');
  } catch (e) {
    return { ok: false, message: isSimError(e) ? e.message : String(e) };
  }
  const root = doc.documentElement!;
  try {
    if (root.namespaceURI === WSDL_NS && root.localName === 'definitions')
      return diagnoseMex(xml, doc, facts);
    if (
      root.localName === 'Assertion' &&
      (root.namespaceURI === NS.saml11 || root.namespaceURI === NS.saml2)
    ) {
      return {
        ok: true,
        kind: `SAML ${root.namespaceURI === NS.saml2 ? '2.0' : '1.1'} assertion`,
        details: diagnoseAssertion(root, facts, now, undefined),
        notes: [],
      };
    }
    if (
      [
        'Envelope',
        'RequestSecurityTokenResponse',
        'RequestSecurityTokenResponseCollection',
      ].includes(root.localName ?? '')
    ) {
      const rstr = parseRstr(xml);
      if (rstr.kind === 'fault') {
        const text = `SOAP fault ${[rstr.code, rstr.subcode].filter(Boolean).join(' / ')}: ${rstr.reason ?? ''}`;
        predict(facts, hresultFact(HR.ERROR_ADAL_WSTRUST_REQUEST_SECURITYTOKEN_FAILED), text);
        if (/ID3082/.test(text)) predict(facts, signalFact('wstrust-scope-fault'), text);
        if (/ID3242|FailedAuthentication/.test(text))
          predict(facts, signalFact('wstrust-auth-fault'), text);
        return {
          ok: true,
          kind: 'WS-Trust SOAP fault',
          details: [{ title: 'Fault', lines: [text] }],
          notes: [],
        };
      }
      const inner = parseXml(rstr.assertionXml, 'the assertion').documentElement!;
      return {
        ok: true,
        kind: `WS-Trust ${rstr.version} RSTR`,
        details: [
          { title: 'RSTR', lines: [`TokenType ${rstr.tokenType ?? '(none)'}`] },
          ...diagnoseAssertion(inner, facts, now, rstr.tokenType ?? ''),
        ],
        notes: [],
      };
    }
    const assertion = [...selfAndDescendants(root)].find(
      (e) =>
        e.localName === 'Assertion' &&
        (e.namespaceURI === NS.saml11 || e.namespaceURI === NS.saml2),
    );
    if (assertion) {
      return {
        ok: true,
        kind: `XML <${root.localName}> holding a SAML assertion`,
        details: diagnoseAssertion(assertion, facts, now, undefined),
        notes: [],
      };
    }
  } catch (e) {
    if (!isSimError(e)) throw e;
    return { ok: false, message: e.message };
  }
  return {
    ok: false,
    message: `an XML document diagnose does not know (root element <${root.nodeName}> in ${root.namespaceURI ?? 'no namespace'}); it reads MEX (wsdl:definitions), RSTR / SOAP faults and SAML assertions`,
  };
}
