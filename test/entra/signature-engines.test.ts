/**
 * The direct signature check (src/protocol/xmldsig/check-signature.ts) must answer exactly what
 * xml-crypto's `checkSignature` answers wherever it answers at all: the same signed bytes on
 * success, the same error text on failure. Held over every attack fixture, tokens from three
 * signers (ours SAML 1.1 and 2.0, auth0 `saml` 4.0.0), the right key and a wrong one, and
 * generated mutations of a signed assertion (whitespace, comments, changed characters).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CERTS_DIR, PACKAGE_ROOT, publicKeyOf } from '../../src/core/keys.ts';
import {
  checkEnvelopedRoot,
  checkSignatureWithKey,
  checkWithXmlCrypto,
} from '../../src/protocol/xmldsig/check-signature.ts';
import { NS } from '../../src/protocol/xml/namespaces.ts';
import { parseXml } from '../../src/protocol/xml/parse-xml.ts';
import {
  DEVICE_GUID,
  ISSUER,
  key,
  pem,
  signedDeviceAssertion,
  signedDeviceAssertion2,
} from '../support/entra-fixture.ts';

const KEYS: readonly [string, KeyObject][] = [
  ['issuer key', publicKeyOf(key('idp-signing.key'))],
  ['attacker key', publicKeyOf(key('attacker-signing.key'))],
];

interface Tally {
  direct: number;
  directSigned: number;
  directRefused: number;
}

/** Compares both engines on every ds:Signature of `xml` with every key; counts the direct path. */
function compare(xml: string, tally: Tally): void {
  let doc: Document;
  try {
    doc = parseXml(xml, 'token');
  } catch {
    return;
  }
  const root = doc.documentElement;
  const idAttribute = root.namespaceURI === NS.saml2 ? 'ID' : 'AssertionID';
  const signatures = doc.getElementsByTagNameNS(NS.ds, 'Signature');
  for (let i = 0; i < signatures.length; i++) {
    const signature = signatures.item(i)!;
    for (const [name, k] of KEYS) {
      const reference = checkWithXmlCrypto(xml, signature, k, idAttribute);
      expect(checkSignatureWithKey(xml, signature, k, idAttribute), name).toEqual(reference);
      const direct = checkEnvelopedRoot(root, signature, k, idAttribute);
      if (direct === undefined) continue;
      expect(direct, `${name}: direct path vs xml-crypto`).toEqual(reference);
      tally.direct++;
      if ('signed' in direct) tally.directSigned++;
      else tally.directRefused++;
    }
  }
}

const newTally = (): Tally => ({ direct: 0, directSigned: 0, directRefused: 0 });

interface Auth0Saml {
  Saml11: { create(options: Record<string, unknown>): string };
  Saml20: { create(options: Record<string, unknown>): string };
}

function auth0Tokens(): string[] {
  const saml = createRequire(import.meta.url)('saml') as Auth0Saml;
  const options = {
    cert: pem('idp-signing.crt'),
    key: readFileSync(join(CERTS_DIR, 'idp-signing.key'), 'utf8'),
    issuer: ISSUER,
    lifetimeInSeconds: 3600,
    audiences: 'urn:federation:MicrosoftOnline',
    attributes: { 'http://schemas.microsoft.com/ws/2012/01/accounttype': 'DJ' },
    nameIdentifier: DEVICE_GUID,
    signatureAlgorithm: 'rsa-sha256',
    digestAlgorithm: 'sha256',
  };
  return [saml.Saml11.create(options), saml.Saml20.create(options)];
}

describe('signature engines: the direct path answers as xml-crypto does', () => {
  it('on every attack fixture, with the issuer key and a wrong one', () => {
    const dir = join(PACKAGE_ROOT, 'test', 'attacks');
    const files = readdirSync(dir).filter((f) => f.endsWith('.xml'));
    expect(files.length).toBeGreaterThanOrEqual(20);
    const tally = newTally();
    for (const f of files) compare(readFileSync(join(dir, f), 'utf8'), tally);
    // The plain attacks keep the signed shape: the direct path must have answered for some.
    expect(tally.direct).toBeGreaterThanOrEqual(10);
    expect(tally.directRefused).toBeGreaterThan(0);
  });

  it('on tokens from our SAML 1.1 and 2.0 signers and from auth0 saml', () => {
    const tally = newTally();
    for (const xml of [signedDeviceAssertion(), signedDeviceAssertion2(), ...auth0Tokens()])
      compare(xml, tally);
    // Four tokens, each verified by the issuer key on the direct path and refused with the other.
    expect(tally).toEqual({ direct: 8, directSigned: 4, directRefused: 4 });
  });

  it('on generated mutations of a signed assertion', () => {
    const signed = signedDeviceAssertion();
    const edits = [' ', '\n', '<!--x-->', 'A', '', '&#65;', '&amp;'];
    const tally = newTally();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: signed.length - 1 }),
        fc.integer({ min: 0, max: 2 }),
        fc.constantFrom(...edits),
        (at, cut, insert) => {
          compare(signed.slice(0, at) + insert + signed.slice(at + cut), tally);
        },
      ),
      { numRuns: 400, seed: 20261122 },
    );
    expect(tally.directSigned).toBeGreaterThan(0);
    expect(tally.directRefused).toBeGreaterThan(50);
  });
});
