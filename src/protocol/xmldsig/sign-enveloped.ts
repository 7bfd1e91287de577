/**
 * Signs the root element of a token with one enveloped XML-DSig signature, as AD FS does:
 * Reference to `#<root id>`, exc-c14n, RSA-SHA256 + SHA-256, the signing certificate in KeyInfo.
 * The caller says where the ds:Signature goes (SAML 1.1: last child; SAML 2.0: after Issuer).
 *
 * Two ways to the same bytes: xml-crypto's `computeSignature`, and a direct path that does its
 * steps on one parsed document (digest of the exc-c14n root, SignedInfo, SignatureValue over its
 * exc-c14n form, one serialisation) without its XPath look-ups, extra parses and second
 * serialisation. The direct path takes the ids our builders make (no character that needs
 * escaping); xml-crypto takes anything else. test/idp/signer-engines.test.ts holds the two to
 * byte-equal output, and the attack fixtures (signed here) pin the bytes.
 * @see XML-DSig core §3.1 (core generation); xml-crypto 6 README ("computeSignature", "location")
 */
import { createHash, createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import { ExclusiveCanonicalization, SignedXml } from 'xml-crypto';
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
  /**
   * `ds` (default): `<ds:Signature xmlns:ds=…>`; `none`: `<Signature xmlns=…>`, as AD FS 2016 and
   * later write it [AADIBLOG: the captured AD FS device token].
   */
  signaturePrefix?: 'ds' | 'none';
}

export interface SignaturePlacement {
  /** The root's id attribute (`AssertionID`, `ID`). */
  readonly idAttribute: string;
  /** XPath of the node the signature goes next to, and how (what xml-crypto is told). */
  readonly reference: string;
  readonly action: 'append' | 'after' | 'prepend' | 'before';
  /**
   * The same place for the direct path: after the root's first child element of this name, or
   * (absent) as the root's last child. A placement with neither form goes to xml-crypto.
   */
  readonly afterChild?: { readonly namespace: string; readonly localName: string };
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

const excC14n = new ExclusiveCanonicalization();
const C14N_OPTIONS = { defaultNsForPrefix: SignedXml.defaultNsForPrefix } as const;
const NODE_HASHES = { sha256: 'sha256', sha1: 'sha1' } as const;
/** Ids that serialise the same written raw or escaped (what our builders make). */
const PLAIN_ID = /^[A-Za-z_][\w.-]*$/;
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const ELEMENT_NODE = 1;

/** Where the direct path puts the signature, or undefined when only xml-crypto can say. */
function directPlace(
  root: Element,
  placement: SignaturePlacement,
): ((signature: Element) => void) | undefined {
  if (placement.action === 'append' && placement.reference === '/*' && !placement.afterChild)
    return (signature) => root.appendChild(signature);
  const after = placement.afterChild;
  if (placement.action !== 'after' || !after) return undefined;
  let first: Node | null = root.firstChild;
  while (first && first.nodeType !== ELEMENT_NODE) first = first.nextSibling;
  const el = first as Element | null;
  if (!el || el.namespaceURI !== after.namespace || el.localName !== after.localName)
    return undefined;
  return (signature) => root.insertBefore(signature, el.nextSibling);
}

/** xml-crypto's steps on one document, for a root with a plain id; undefined: not this shape. */
export function signDirect(
  xml: string,
  privateKey: KeyObject,
  certificate: string,
  placement: SignaturePlacement,
  opts: SignEnvelopedOptions,
): string | undefined {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const root = doc.documentElement;
  const id = root ? root.getAttribute(placement.idAttribute) : null;
  if (!root || !id || !PLAIN_ID.test(id)) return undefined;
  const place = directPlace(root, placement);
  if (!place) return undefined;
  const signatureAlgorithm = opts.signatureAlgorithm ?? 'rsa-sha256';
  const digestAlgorithm = opts.digestAlgorithm ?? 'sha256';
  const digest = createHash(NODE_HASHES[digestAlgorithm])
    .update(excC14n.process(root, C14N_OPTIONS))
    .digest('base64');
  const p = opts.signaturePrefix === 'none' ? '' : 'ds:';
  const keyInfo =
    (opts.includeKeyInfo ?? true)
      ? `<${p}KeyInfo><${p}X509Data><${p}X509Certificate>${certificate}</${p}X509Certificate></${p}X509Data></${p}KeyInfo>`
      : '';
  // The markup xml-crypto writes (createSignedInfo, addAllReferences, getKeyInfo), parsed once.
  const signatureXml =
    `<${p}Signature xmlns${p ? ':ds' : ''}="${DS}"><${p}SignedInfo>` +
    `<${p}CanonicalizationMethod Algorithm="${ALG.excC14n}"/>` +
    `<${p}SignatureMethod Algorithm="${SIGNATURE_ALGORITHMS[signatureAlgorithm]}"/>` +
    `<${p}Reference URI="#${id}"><${p}Transforms>` +
    `<${p}Transform Algorithm="${ALG.envelopedSignature}"/><${p}Transform Algorithm="${ALG.excC14n}"/>` +
    `</${p}Transforms><${p}DigestMethod Algorithm="${DIGEST_ALGORITHMS[digestAlgorithm]}"/>` +
    `<${p}DigestValue>${digest}</${p}DigestValue></${p}Reference></${p}SignedInfo>${keyInfo}</${p}Signature>`;
  const signature = new DOMParser().parseFromString(signatureXml, 'text/xml').documentElement!;
  place(signature);
  const signedInfo = signature.firstChild as Element;
  const value = sign(
    NODE_HASHES[signatureAlgorithm === 'rsa-sha1' ? 'sha1' : 'sha256'],
    Buffer.from(excC14n.process(signedInfo, C14N_OPTIONS)),
    privateKey,
  ).toString('base64');
  const signatureValue = doc.createElementNS(DS, `${p}SignatureValue`);
  signatureValue.appendChild(doc.createTextNode(value));
  signature.insertBefore(signatureValue, signedInfo.nextSibling);
  // xml-crypto's serialize(): a carriage return from a character reference stays one.
  return doc.toString().replace(/\r/g, '&#xD;');
}

/** The reference way: xml-crypto's computeSignature. */
export function signWithXmlCrypto(
  xml: string,
  privateKey: KeyObject,
  certificate: string,
  placement: SignaturePlacement,
  opts: SignEnvelopedOptions,
): string {
  const includeKeyInfo = opts.includeKeyInfo ?? true;
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
    ...(opts.signaturePrefix === 'none' ? {} : { prefix: 'ds' }),
    location: { reference: placement.reference, action: placement.action },
  });
  return signer.getSignedXml();
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
  try {
    return (
      signDirect(xml, privateKey, certificate, placement, opts) ??
      signWithXmlCrypto(xml, privateKey, certificate, placement, opts)
    );
  } catch (cause) {
    if (isSimError(cause)) throw cause;
    throw new SimError('ERR_INTERNAL', `signing the token failed: ${String(cause)}`, { cause });
  }
}
