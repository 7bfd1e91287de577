/**
 * Writes the TEST-ONLY key material under certs/: the mock IdP's token-signing key and
 * certificate (plus a "next" one for rollover and an attacker's one), the test
 * "MS-Organization-Access" CA that signs device certificates, a TLS CA with a 127.0.0.1 server
 * certificate (for `hjsim serve --tls` and HTTPS interop tests), and a pool of RSA keys the
 * simulated devices draw from (so no scenario ever generates a key).
 * `npm run certs` writes only what is missing; `npm run certs -- --force` regenerates everything.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCertificate, derToPem } from '../src/protocol/x509/build-certificate.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'certs');
const POOL_SIZE = 16;
const force = process.argv.includes('--force');
const missing = (file: string) => force || !existsSync(join(root, file));

function keyPair() {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

function writeKey(path: string, key: ReturnType<typeof keyPair>['privateKey']) {
  writeFileSync(path, key.export({ type: 'pkcs8', format: 'pem' }));
}

function selfSigned(file: string, cn: string, o: string, years: number, ca = false) {
  if (!missing(`${file}.crt`)) return;
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

/** A TLS CA and a server certificate for 127.0.0.1 / localhost signed by it. */
function tlsServer() {
  if (!missing('tls-server.crt')) return;
  const ca = keyPair();
  const server = keyPair();
  const now = new Date();
  const notBefore = new Date(Date.UTC(now.getUTCFullYear() - 1, 0, 1));
  const caSubject = [
    { name: 'commonName', value: 'TEST ONLY hjsim TLS CA' },
    { name: 'organizationName', value: 'hjsim TEST ONLY' },
  ];
  const caDer = buildCertificate({
    subject: caSubject,
    publicKey: ca.publicKey,
    signingKey: ca.privateKey,
    serialHex: randomBytes(8).toString('hex'),
    notBefore,
    notAfter: new Date(Date.UTC(now.getUTCFullYear() + 30, 0, 1)),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const serverDer = buildCertificate({
    subject: [
      { name: 'commonName', value: 'TEST ONLY hjsim 127.0.0.1' },
      { name: 'organizationName', value: 'hjsim TEST ONLY' },
    ],
    issuer: caSubject,
    publicKey: server.publicKey,
    signingKey: ca.privateKey,
    serialHex: randomBytes(8).toString('hex'),
    notBefore,
    notAfter: new Date(Date.UTC(now.getUTCFullYear() + 20, 0, 1)),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  writeKey(join(root, 'tls-ca.key'), ca.privateKey);
  writeFileSync(join(root, 'tls-ca.crt'), derToPem(caDer));
  writeKey(join(root, 'tls-server.key'), server.privateKey);
  writeFileSync(join(root, 'tls-server.crt'), derToPem(serverDer));
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
if (missing('entra-token-signing.key'))
  writeKey(join(root, 'entra-token-signing.key'), keyPair().privateKey);
for (let i = 0; i < POOL_SIZE; i++) {
  const file = join('pool', `device-${String(i).padStart(2, '0')}.key`);
  if (missing(file)) writeKey(join(root, file), keyPair().privateKey);
}
tlsServer();
console.log(
  `TEST ONLY keys and certificates are in ${root} (device key pool: ${POOL_SIZE}${force ? ', all regenerated' : ', missing ones written'})`,
);
