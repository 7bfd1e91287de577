/**
 * Signs a SAML 1.1 assertion the way AD FS does: enveloped XML-DSig over `#AssertionID`,
 * exc-c14n, RSA-SHA256 + SHA-256, signing certificate in KeyInfo, ds:Signature as last child.
 * @see oasis-sstc-saml-core-1.1 §5 (signature profile); XML-DSig core; xml-crypto 6 README
 */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { isSimError, SimError } from '../../core/errors.ts';
import { certificateDer } from '../x509/build-certificate.ts';
import { ALG, NS } from '../xml/namespaces.ts';
import { attributeOf, firstChild, parseXml } from '../xml/parse-xml.ts';

export interface SignAssertionOptions {
  /** Default `rsa-sha256`; `rsa-sha1` only to model old issuers (verifiers refuse it by default). */
  signatureAlgorithm?: 'rsa-sha256' | 'rsa-sha1';
  digestAlgorithm?: 'sha256' | 'sha1';
  /** Default true: KeyInfo/X509Data/X509Certificate carries the signing certificate. */
  includeKeyInfo?: boolean;
}

const SIGNATURE_ALGORITHMS = { 'rsa-sha256': ALG.rsaSha256, 'rsa-sha1': ALG.rsaSha1 } as const;
const DIGEST_ALGORITHMS = { sha256: ALG.sha256, sha1: ALG.sha1 } as const;

function privateKeyOf(key: KeyObject | string): KeyObject {
  let keyObject: KeyObject;
  try {
    keyObject = typeof key === 'string' ? createPrivateKey(key) : key;
  } catch (cause) {
    throw new SimError('ERR_KEY_STORE', 'the SAML signing key is not a readable PEM private key', {
      cause,
    });
  }
  if (keyObject.type !== 'private' || keyObject.asymmetricKeyType !== 'rsa') {
    throw new SimError('ERR_KEY_STORE', 'the SAML signing key must be an RSA private key');
  }
  return keyObject;
}

/** The certificate as bare base64 DER, checked to be a certificate. */
function bareCertificate(certificatePem: string): string {
  try {
    const der = certificateDer(certificatePem);
    new X509Certificate(der);
    return der.toString('base64');
  } catch (cause) {
    throw new SimError(
      'ERR_CERTIFICATE',
      'the SAML signing certificate is not a readable X.509 certificate',
      {
        cause,
      },
    );
  }
}

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
  const privateKey = privateKeyOf(key);
  const certificate = bareCertificate(certificatePem);
  const includeKeyInfo = opts.includeKeyInfo ?? true;

  try {
    const signer = new SignedXml({
      privateKey,
      signatureAlgorithm: SIGNATURE_ALGORITHMS[opts.signatureAlgorithm ?? 'rsa-sha256'],
      canonicalizationAlgorithm: ALG.excC14n,
      idAttribute: 'AssertionID',
      getKeyInfoContent: ({ prefix } = {}) => {
        if (!includeKeyInfo) return null;
        const p = prefix ? `${prefix}:` : '';
        return `<${p}X509Data><${p}X509Certificate>${certificate}</${p}X509Certificate></${p}X509Data>`;
      },
    });
    signer.addReference({
      xpath: '/*',
      transforms: [ALG.envelopedSignature, ALG.excC14n],
      digestAlgorithm: DIGEST_ALGORITHMS[opts.digestAlgorithm ?? 'sha256'],
    });
    signer.computeSignature(assertionXml, {
      prefix: 'ds',
      location: { reference: '/*', action: 'append' },
    });
    return signer.getSignedXml();
  } catch (cause) {
    if (isSimError(cause)) throw cause;
    throw new SimError('ERR_INTERNAL', `signing the SAML assertion failed: ${String(cause)}`, {
      cause,
    });
  }
}
