/**
 * Signs a federation metadata document as AD FS does: an enveloped XML-DSig signature over the
 * EntityDescriptor (`#ID`), exc-c14n, RSA-SHA256 + SHA-256, placed as the first child (the SAML
 * metadata schema puts ds:Signature before every role descriptor).
 * @see SAML 2.0 Metadata §3.1 (signature processing), §2.3.2 (EntityDescriptor: ds:Signature first);
 *   XML-DSig core
 */
import type { KeyObject } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { SimError } from '../../core/errors.ts';
import { certificateDer } from '../x509/build-certificate.ts';
import { ALG } from '../xml/namespaces.ts';
import { attributeOf, parseXml } from '../xml/parse-xml.ts';

export function signFederationMetadata(
  metadataXml: string,
  key: KeyObject,
  certificatePem: string,
): string {
  const root = parseXml(metadataXml, 'federation metadata to sign').documentElement!;
  if (root.localName !== 'EntityDescriptor' || !attributeOf(root, 'ID')) {
    throw new SimError('ERR_XML_SHAPE', 'only an EntityDescriptor with an ID can be signed here');
  }
  const certificate = certificateDer(certificatePem).toString('base64');
  try {
    const signer = new SignedXml({
      privateKey: key,
      signatureAlgorithm: ALG.rsaSha256,
      canonicalizationAlgorithm: ALG.excC14n,
      idAttribute: 'ID',
      getKeyInfoContent: ({ prefix } = {}) => {
        const p = prefix ? `${prefix}:` : '';
        return `<${p}X509Data><${p}X509Certificate>${certificate}</${p}X509Certificate></${p}X509Data>`;
      },
    });
    signer.addReference({
      xpath: '/*',
      transforms: [ALG.envelopedSignature, ALG.excC14n],
      digestAlgorithm: ALG.sha256,
    });
    signer.computeSignature(metadataXml, {
      prefix: 'ds',
      location: { reference: '/*', action: 'prepend' },
    });
    return signer.getSignedXml();
  } catch (cause) {
    throw new SimError('ERR_INTERNAL', `signing the federation metadata failed: ${String(cause)}`, {
      cause,
    });
  }
}
