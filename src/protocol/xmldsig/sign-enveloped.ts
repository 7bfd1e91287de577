/**
 * Signs the root element of a token with one enveloped XML-DSig signature, as AD FS does:
 * Reference to `#<root id>`, exc-c14n, RSA-SHA256 + SHA-256, the signing certificate in KeyInfo.
 * The caller says where the ds:Signature goes (SAML 1.1: last child; SAML 2.0: after Issuer).
 * @see XML-DSig core; xml-crypto 6 README ("computeSignature", "location")
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { isSimError, SimError } from '../../core/errors.ts';
import { readCertificate } from '../x509/read-certificate.ts';
import { ALG } from '../xml/namespaces.ts';
import { xmlCryptoIdAttribute } from './check-signature.ts';

export interface SignEnvelopedOptions {
  /** Default `rsa-sha256`; `rsa-sha1` only to model old issuers (verifiers refuse it by default). */
  signatureAlgorithm?: 'rsa-sha256' | 'rsa-sha1';
  digestAlgorithm?: 'sha256' | 'sha1';
  /** Default true: KeyInfo/X509Data/X509Certificate carries the signing certificate. */
  includeKeyInfo?: boolean;
}

export interface SignaturePlacement {
  /** The root's id attribute (`AssertionID`, `ID`). */
  readonly idAttribute: string;
  /** XPath of the node the signature goes next to, and how. */
  readonly reference: string;
  readonly action: 'append' | 'after' | 'prepend' | 'before';
}

const SIGNATURE_ALGORITHMS = { 'rsa-sha256': ALG.rsaSha256, 'rsa-sha1': ALG.rsaSha1 } as const;
const DIGEST_ALGORITHMS = { sha256: ALG.sha256, sha1: ALG.sha1 } as const;

export function signingKeyOf(key: KeyObject | string): KeyObject {
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
export function bareCertificate(certificatePem: string): string {
  try {
    return Buffer.from(readCertificate(certificatePem).raw).toString('base64');
  } catch (cause) {
    throw new SimError(
      'ERR_CERTIFICATE',
      'the SAML signing certificate is not a readable X.509 certificate',
      { cause },
    );
  }
}

/**
 * Returns `xml` with an enveloped `ds:Signature` over its root. The key and the certificate are
 * not checked against each other: a mismatch is a scenario, not a usage error.
 */
export function signEnveloped(
  xml: string,
  key: KeyObject | string,
  certificatePem: string,
  placement: SignaturePlacement,
  opts: SignEnvelopedOptions = {},
): string {
  const privateKey = signingKeyOf(key);
  const certificate = bareCertificate(certificatePem);
  const includeKeyInfo = opts.includeKeyInfo ?? true;
  try {
    const signer = new SignedXml({
      privateKey,
      signatureAlgorithm: SIGNATURE_ALGORITHMS[opts.signatureAlgorithm ?? 'rsa-sha256'],
      canonicalizationAlgorithm: ALG.excC14n,
      ...xmlCryptoIdAttribute(placement.idAttribute),
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
    signer.computeSignature(xml, {
      prefix: 'ds',
      location: { reference: placement.reference, action: placement.action },
    });
    return signer.getSignedXml();
  } catch (cause) {
    if (isSimError(cause)) throw cause;
    throw new SimError('ERR_INTERNAL', `signing the token failed: ${String(cause)}`, { cause });
  }
}
