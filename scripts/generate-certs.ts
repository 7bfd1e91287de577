/**
 * Regenerates the TEST-ONLY key material under certs/: the mock IdP's token-signing key and
 * certificate (plus a "next" one for rollover and an attacker's one), the test
 * "MS-Organization-Access" CA that signs device certificates, and a pool of RSA keys the
 * simulated devices draw from (so no scenario ever generates a key). Run: `npm run certs`.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCertificate, derToPem } from '../src/protocol/x509/build-certificate.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'certs');
const POOL_SIZE = 16;

function keyPair() {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

function writeKey(path: string, key: ReturnType<typeof keyPair>['privateKey']) {
  writeFileSync(path, key.export({ type: 'pkcs8', format: 'pem' }));
}

function selfSigned(file: string, cn: string, o: string, years: number, ca = false) {
  const { privateKey, publicKey } = keyPair();
  const now = new Date();
  const notBefore = new Date(Date.UTC(now.getUTCFullYear() - 1, 0, 1));
  const notAfter = new Date(Date.UTC(now.getUTCFullYear() + years, 0, 1));
  const subject = [
    { name: 'commonName', value: cn },
    { name: 'organizationName', value: o },
  ];
  const extensions = ca
    ? [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      ]
    : [{ name: 'keyUsage', digitalSignature: true, critical: true }];
  const der = buildCertificate({
    subject,
    publicKey,
    signingKey: privateKey,
    serialHex: randomBytes(8).toString('hex'),
    notBefore,
    notAfter,
    extensions,
  });
  writeKey(join(root, `${file}.key`), privateKey);
  writeFileSync(join(root, `${file}.crt`), derToPem(der));
}

mkdirSync(join(root, 'pool'), { recursive: true });
selfSigned('idp-signing', 'TEST ONLY hjsim IdP token signing', 'hjsim TEST ONLY', 20);
selfSigned('idp-signing-next', 'TEST ONLY hjsim IdP token signing (next)', 'hjsim TEST ONLY', 20);
selfSigned('attacker-signing', 'TEST ONLY hjsim attacker signing', 'hjsim TEST ONLY attacker', 20);
selfSigned(
  'ms-organization-access',
  'MS-Organization-Access TEST ONLY',
  'hjsim TEST ONLY',
  30,
  true,
);
writeKey(join(root, 'entra-token-signing.key'), keyPair().privateKey);
for (let i = 0; i < POOL_SIZE; i++) {
  writeKey(join(root, 'pool', `device-${String(i).padStart(2, '0')}.key`), keyPair().privateKey);
}
console.log(`wrote TEST ONLY keys and certificates to ${root} (device key pool: ${POOL_SIZE})`);
