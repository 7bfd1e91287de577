/**
 * Signs a SAML 1.1 assertion the way AD FS does: enveloped XML-DSig over `#AssertionID`,
 * exc-c14n, RSA-SHA256 + SHA-256, signing certificate in KeyInfo, ds:Signature as last child.
 * @see oasis-sstc-saml-core-1.1 §5 (signature profile); XML-DSig core; xml-crypto 6 README
 */
import type { KeyObject } from 'node:crypto';
import { SimError } from '../../core/errors.ts';
import { signEnveloped, type SignEnvelopedOptions } from '../xmldsig/sign-enveloped.ts';
import { NS } from '../xml/namespaces.ts';
import { attributeOf, firstChild, parseXml } from '../xml/parse-xml.ts';

export type SignAssertionOptions = SignEnvelopedOptions;

/**
 * Returns the assertion with an enveloped `ds:Signature` appended as the last child of
 * `saml:Assertion` (the SAML 1.1 schema puts it after the statements). The key and the
 * certificate are not checked against each other: a mismatch is a scenario, not a usage error.
 */
export function signAssertion(
  assertionXml: string,
  key: KeyObject | string,
  certificatePem: string,
  opts: SignAssertionOptions = {},
): string {
  const root = parseXml(assertionXml, 'SAML assertion to sign').documentElement;
  if (root.namespaceURI !== NS.saml11 || root.localName !== 'Assertion') {
    throw new SimError(
      'ERR_XML_SHAPE',
      `only a SAML 1.1 saml:Assertion can be signed here, not <${root.nodeName}>`,
    );
  }
  const assertionId = attributeOf(root, 'AssertionID');
  if (!assertionId)
    throw new SimError('ERR_XML_SHAPE', 'the SAML assertion to sign has no AssertionID');
  if (firstChild(root, NS.ds, 'Signature')) {
    throw new SimError('ERR_XML_SHAPE', 'the SAML assertion to sign is already signed');
  }
  // The SAML 1.1 schema puts ds:Signature after the statements: the root's last child.
  return signEnveloped(
    assertionXml,
    key,
    certificatePem,
    { idAttribute: 'AssertionID', reference: '/*', action: 'append' },
    opts,
  );
}
