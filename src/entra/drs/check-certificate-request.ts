/**
 * Check: `CertificateRequest.Data` is a DER PKCS#10 request whose self-signature verifies, for an
 * RSA key of at least 2048 bits. [HBS] §2.1.1.1.1 ("MUST use an RSA public key algorithm with a
 * 2048-bit key"); modeled: the 400 `BadRequest` and its messages.
 */
import { readPublicKey } from '../../protocol/x509/read-certificate.ts';
import { BAD_REQUEST, invalidCertificateRequestMessage } from '../../protocol/drs/drs-messages.ts';
import { parseCsr } from '../../protocol/x509/build-certificate.ts';
import { fail, pass, type Checked } from './drs-failure.ts';

const MIN_RSA_BITS = 2048;

export function checkCertificateRequest(dataBase64: string): Checked<{ publicKeyPem: string }> {
  let parsed;
  try {
    parsed = parseCsr(Buffer.from(dataBase64, 'base64'));
  } catch (e) {
    // node-forge reads RSA requests only: an EC request lands here too.
    return fail(
      400,
      BAD_REQUEST,
      invalidCertificateRequestMessage('it is not a PKCS#10 request for an RSA key'),
      {
        detail: `parseCsr: ${e instanceof Error ? e.message : String(e)}`,
      },
    );
  }
  if (!parsed.signatureValid) {
    return fail(
      400,
      BAD_REQUEST,
      invalidCertificateRequestMessage('its signature does not verify'),
    );
  }
  const key = readPublicKey(parsed.publicKeyPem);
  if (
    key.asymmetricKeyType !== 'rsa' ||
    (key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_RSA_BITS
  ) {
    return fail(
      400,
      BAD_REQUEST,
      invalidCertificateRequestMessage(`the key must be RSA of at least ${MIN_RSA_BITS} bits`),
    );
  }
  return pass({ publicKeyPem: parsed.publicKeyPem });
}
