/**
 * The assertion as a strict relying party reads it, with the verifiers mock Entra uses
 * (protocol/saml11 and protocol/saml2 `verifyAssertion`: one enveloped signature over the root,
 * claims read from the signed reference only) and its TokenView: structure, signature, signing
 * certificate against the domain's, Issuer, audience, validity, subject. Each is judged on its own
 * so that one report names every fault, where mock Entra stops at the first.
 * @see conform-checks.ts (saml.*); src/entra/token/check-*.ts (the same rules, first failure wins)
 */
import { CLOCK_SKEW_MS, ENTRA_AUDIENCE } from '../../protocol/entra-names.ts';
import { isSimError } from '../../core/errors.ts';
import { type TokenView, viewOfSaml11, viewOfSaml2 } from '../../entra/token/token-view.ts';
import { CLAIM, claimType } from '../../protocol/claims/claim-types.ts';
import { verifyAssertion as verifySaml11 } from '../../protocol/saml11/verify-assertion.ts';
import { verifyAssertion as verifySaml2 } from '../../protocol/saml2/verify-assertion.ts';
import { NS } from '../../protocol/xml/namespaces.ts';
import {
  attributeOf,
  childElements,
  firstChild,
  parseXml,
  textOf,
} from '../../protocol/xml/parse-xml.ts';
import type { ConformSettings } from './conform-settings.ts';
import { describeCertificate } from './judge-federation.ts';
import { failed, passed, skipped, warning, type Judgement } from './judgement.ts';
import type { IssuedToken } from './request-token.ts';
import { AADSTS } from '../../protocol/oauth/aadsts.ts';

export interface AssertionJudgement {
  readonly judgements: Judgement[];
  /** The verified view the claim checks read; undefined when nothing could be verified. */
  readonly view?: TokenView;
}

const LATER = [
  'saml.signing-certificate',
  'saml.issuer',
  'saml.audience',
  'saml.validity',
  'saml.subject',
] as const;

/** The certificate the signature carries in ds:KeyInfo (what it says signed it), base64. */
function keyInfoCertificate(root: Element): string | undefined {
  const signature = childElements(root).find(
    (c) => c.namespaceURI === NS.ds && c.localName === 'Signature',
  );
  const keyInfo = signature && firstChild(signature, NS.ds, 'KeyInfo');
  const data = keyInfo && firstChild(keyInfo, NS.ds, 'X509Data');
  const cert = data && firstChild(data, NS.ds, 'X509Certificate');
  const b64 = cert ? textOf(cert).replace(/\s+/g, '') : '';
  return b64 === '' ? undefined : b64;
}

function checkStructure(token: IssuedToken): { root: Element } | { judgement: Judgement } {
  const expected =
    'one saml:Assertion (urn:oasis:names:tc:SAML:1.0:assertion, MajorVersion 1), well-formed, no DTD';
  let root: Element;
  try {
    root = parseXml(token.assertionXml, 'the SAML assertion').documentElement;
  } catch (e) {
    if (!isSimError(e)) throw e;
    return {
      judgement: failed(
        'saml.assertion',
        expected,
        `${e.code === 'ERR_XML_DTD' ? 'a DTD' : 'not well-formed XML'}: ${e.message}`,
      ),
    };
  }
  const name = `{${root.namespaceURI ?? ''}}${root.localName}`;
  if (root.localName === 'Assertion' && root.namespaceURI === NS.saml11) {
    const major = attributeOf(root, 'MajorVersion');
    const id = attributeOf(root, 'AssertionID');
    if (major !== '1' || !id) {
      return {
        judgement: failed(
          'saml.assertion',
          expected,
          `saml:Assertion with MajorVersion ${major ?? '(none)'} and AssertionID ${id ?? '(none)'}`,
        ),
      };
    }
    return { root };
  }
  if (root.localName === 'Assertion' && root.namespaceURI === NS.saml2) return { root };
  return { judgement: failed('saml.assertion', expected, `the token's root is ${name}`) };
}

export function judgeAssertion(settings: ConformSettings, token: IssuedToken): AssertionJudgement {
  const structure = checkStructure(token);
  if ('judgement' in structure) {
    return {
      judgements: [
        structure.judgement,
        skipped('saml.signature', 'a signature', 'the token is no readable assertion'),
        ...LATER.map((id) => skipped(id, '', 'the token is no readable assertion')),
      ],
    };
  }
  const { root } = structure;
  const saml2 = root.namespaceURI === NS.saml2;
  const judgements: Judgement[] = [
    passed(
      'saml.assertion',
      'one SAML 1.1 assertion, well-formed, no DTD',
      saml2
        ? `a SAML 2.0 Assertion, ID ${attributeOf(root, 'ID') ?? '?'}`
        : `a SAML 1.1 Assertion, AssertionID ${attributeOf(root, 'AssertionID') ?? '?'}`,
    ),
  ];

  const f = settings.federation;
  const registered = [
    f.signingCertificate,
    ...(f.nextSigningCertificate ? [f.nextSigningCertificate] : []),
  ];
  const keyInfo = keyInfoCertificate(root);
  // The KeyInfo certificate is tried last: a signature it verifies (and no registered key does)
  // is sound, by a key Entra does not have — the signing-certificate check's case.
  const certs = [...registered, ...(keyInfo ? [keyInfo] : [])];
  const verified = saml2
    ? (() => {
        const r = verifySaml2(token.assertionXml, certs);
        return r.ok
          ? { ok: true as const, view: viewOfSaml2(r.assertion), index: r.certificateIndex }
          : r;
      })()
    : (() => {
        const r = verifySaml11(token.assertionXml, certs);
        return r.ok
          ? { ok: true as const, view: viewOfSaml11(r.assertion), index: r.certificateIndex }
          : r;
      })();
  const expectSignature =
    'one enveloped ds:Signature, child of the assertion, Reference to its ID, exc-c14n, RSA-SHA256 / SHA-256, valid';
  if (!verified.ok) {
    judgements.push(
      failed('saml.signature', expectSignature, `${verified.failure}: ${verified.detail}`),
      ...LATER.map((id) =>
        skipped(
          id,
          '',
          'the signature does not verify, so nothing in the assertion can be trusted',
        ),
      ),
    );
    return { judgements };
  }
  const view = verified.view;
  const byKeyInfo = verified.index >= registered.length;
  judgements.push(
    passed(
      'saml.signature',
      expectSignature,
      byKeyInfo
        ? 'valid, with the certificate in its own KeyInfo'
        : `valid, with the registered ${verified.index === 0 ? 'signingCertificate' : 'nextSigningCertificate'}`,
    ),
  );
  const expectCert = `signed by the signingCertificate (${describeCertificate(f.signingCertificate)})${
    f.nextSigningCertificate
      ? ` or the nextSigningCertificate (${describeCertificate(f.nextSigningCertificate)})`
      : ''
  }`;
  judgements.push(
    byKeyInfo
      ? failed(
          'saml.signing-certificate',
          expectCert,
          `signed by ${describeCertificate(keyInfo ?? '')}, which the domain does not register`,
        )
      : passed(
          'saml.signing-certificate',
          expectCert,
          `signed by the ${verified.index === 0 ? 'signingCertificate' : 'nextSigningCertificate'} (${describeCertificate(registered[verified.index] ?? '')})`,
        ),
  );

  judgements.push(judgeIssuer(settings, view));
  judgements.push(
    view.audiences.includes(ENTRA_AUDIENCE)
      ? passed('saml.audience', ENTRA_AUDIENCE, view.audiences.join(', '))
      : failed(
          'saml.audience',
          ENTRA_AUDIENCE,
          view.audiences.length ? view.audiences.join(', ') : 'no Audience',
        ),
  );
  judgements.push(judgeValidity(settings, view));
  judgements.push(
    view.subject?.value
      ? passed(
          'saml.subject',
          'a Subject NameIdentifier (the ImmutableID)',
          `${view.subject.value}${view.subject.format ? ` (Format ${view.subject.format})` : ''}`,
        )
      : failed(
          'saml.subject',
          'a Subject NameIdentifier (the ImmutableID)',
          'no NameIdentifier',
          view.version === '2.0'
            ? `AADSTS${AADSTS.InvalidSamlToken} "SAML token is invalid." (modeled), then sync join`
            : undefined,
        ),
  );
  return { judgements, view };
}

const ISSUER_ID = claimType(CLAIM.issuerid.namespace, CLAIM.issuerid.name);

/** Says how two URIs differ when they differ a little (what an admin misreads). */
function difference(seen: string, want: string): string {
  if (seen === `${want}/`) return 'a trailing slash the issuerUri lacks';
  if (want === `${seen}/`) return 'no trailing slash, the issuerUri has one';
  if (seen.toLowerCase() === want.toLowerCase())
    return 'differs in upper/lower case only (the comparison is exact)';
  if (seen.replace(/^https?:/, '') === want.replace(/^https?:/, ''))
    return 'another scheme (http vs https)';
  return '';
}

function judgeIssuer(settings: ConformSettings, view: TokenView): Judgement {
  const want = settings.federation.issuerUri;
  const issuerId = view.claims.find((c) => c.type === ISSUER_ID)?.values[0];
  const seen = issuerId ?? view.issuer;
  const what =
    issuerId === undefined
      ? `Issuer ${view.issuer}`
      : `issuerid claim ${issuerId} (Issuer ${view.issuer})`;
  if (seen === want) return passed('saml.issuer', want, what);
  const diff = difference(seen, want);
  const upnRule =
    issuerId === undefined && /\/adfs\/services\/trust\/?$/.test(view.issuer)
      ? '; no issuerid claim for the computer: with several domains the Issuer is the Federation Service identifier, and a UPN-based issuerid rule issues nothing for computers (they have no UPN)'
      : '';
  return failed(
    'saml.issuer',
    want,
    `${what}${diff ? `: ${diff}` : ''}${upnRule}`,
    `AADSTS${AADSTS.InvalidRealmUri} "The requested federation realm object '${seen}' does not exist.", then sync join`,
  );
}

function judgeValidity(settings: ConformSettings, view: TokenView): Judgement {
  const now = settings.clock.now();
  const nb = view.notBefore === undefined ? undefined : new Date(view.notBefore);
  const na = view.notOnOrAfter === undefined ? undefined : new Date(view.notOnOrAfter);
  const window = `NotBefore ${view.notBefore ?? '(none)'}, NotOnOrAfter ${view.notOnOrAfter ?? '(none)'}, now ${now.toISOString()}`;
  const expected = `NotBefore ≤ now < NotOnOrAfter, give or take ${CLOCK_SKEW_MS / 60_000} minutes`;
  const bad = (d: Date | undefined) => d !== undefined && Number.isNaN(d.getTime());
  if (bad(nb) || bad(na)) return failed('saml.validity', expected, `unreadable times: ${window}`);
  const t = now.getTime();
  if (nb !== undefined && nb.getTime() - CLOCK_SKEW_MS > t)
    return failed('saml.validity', expected, `not yet valid beyond the skew: ${window}`);
  if (na !== undefined && na.getTime() + CLOCK_SKEW_MS <= t)
    return failed('saml.validity', expected, `expired beyond the skew: ${window}`);
  if (na === undefined) return warning('saml.validity', expected, `no NotOnOrAfter: ${window}`);
  if ((nb !== undefined && nb.getTime() > t) || na.getTime() <= t)
    return warning(
      'saml.validity',
      expected,
      `valid only thanks to the clock skew allowance: ${window}`,
    );
  return passed('saml.validity', expected, window);
}
