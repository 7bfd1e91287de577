/**
 * Signs a SAML 2.0 assertion: enveloped XML-DSig over `#ID`, the ds:Signature right after
 * saml:Issuer (the position the schema gives it), exc-c14n, RSA-SHA256 + SHA-256, certificate in
 * KeyInfo.
 * @see saml-core-2.0-os §2.3.3 (`<ds:Signature>` follows `<Issuer>`), §5.4 (signature profile)
 */
import type { KeyObject } from 'node:crypto';
import { SimError } from '../../core/errors.ts';
import { NS } from '../xml/namespaces.ts';
import { attributeOf, firstChild, parseXml } from '../xml/parse-xml.ts';
import { signEnveloped, type SignEnvelopedOptions } from '../xmldsig/sign-enveloped.ts';

export type SignAssertionOptions = SignEnvelopedOptions;

export function signAssertion(
  assertionXml: string,
  key: KeyObject | string,
  certificatePem: string,
  opts: SignAssertionOptions = {},
): string {
  const root = parseXml(assertionXml, 'SAML 2.0 assertion to sign').documentElement;
  if (root.namespaceURI !== NS.saml2 || root.localName !== 'Assertion') {
    throw new SimError(
      'ERR_XML_SHAPE',
      `only a SAML 2.0 Assertion can be signed here, not <${root.nodeName}>`,
    );
  }
  if (!attributeOf(root, 'ID'))
    throw new SimError('ERR_XML_SHAPE', 'the SAML 2.0 assertion to sign has no ID');
  if (!firstChild(root, NS.saml2, 'Issuer'))
    throw new SimError('ERR_XML_SHAPE', 'the SAML 2.0 assertion to sign has no Issuer');
  if (firstChild(root, NS.ds, 'Signature'))
    throw new SimError('ERR_XML_SHAPE', 'the SAML 2.0 assertion to sign is already signed');
  return signEnveloped(
    assertionXml,
    key,
    certificatePem,
    {
      idAttribute: 'ID',
      reference: `/*/*[local-name(.)='Issuer' and namespace-uri(.)='${NS.saml2}']`,
      action: 'after',
      afterChild: { namespace: NS.saml2, localName: 'Issuer' },
    },
    opts,
  );
}
