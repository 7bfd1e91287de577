/**
 * Turns `hjsim conform`'s inputs into the settings of one run: the federation settings from a
 * scenario's federated domain or from flags (`--issuer`, `--signing-cert`, …), the MEX URL, the
 * computer the token must describe, the credentials (the password only ever from an environment
 * variable), the CA file. Every problem is an input error (exit 2) that says what, where and how
 * to fix it.
 * A scenario made for hjsim's mock IdP served elsewhere (`hjsim serve` on 127.0.0.1:PORT) has its
 * URLs on `https://<idp.host>` moved to the --idp-mex origin, exactly as `hjsim serve` moves them.
 */
import { X509Certificate } from 'node:crypto';
import { systemClock, type Clock } from '../../core/clock.ts';
import { SimError } from '../../core/errors.ts';
import { randomIds } from '../../core/ids.ts';
import { caCertificatesPem } from '../../core/keys.ts';
import { certificateDer } from '../../protocol/x509/build-certificate.ts';
import { isGuid } from '../../protocol/encoding/guid.ts';
import { isSid } from '../../protocol/encoding/sid.ts';
import { externalSignIn } from '../../scenario/world/build-external-idp.ts';
import { buildWorld, certificateText } from '../../scenario/world/build-world.ts';
import { loadScenario, type LoadedScenario } from '../../scenario/language/load-scenario.ts';
import { localizeScenario } from '../../scenario/language/localize-scenario.ts';
import type { Scenario } from '../../scenario/language/schema.ts';
import type {
  ConformAuth,
  ConformComputer,
  ConformFederation,
  ConformSettings,
} from './conform-settings.ts';
import { HR, hresultLabel } from '../../protocol/hresult/catalog.ts';

export interface ConformInput {
  readonly idpMex?: string;
  readonly scenario?: string;
  /** The federated domain (of the scenario, or named for the report). */
  readonly domain?: string;
  readonly issuer?: string;
  readonly signingCert?: string;
  readonly nextSigningCert?: string;
  readonly protocol?: 'wsFed' | 'saml';
  readonly tenantId?: string;
  readonly computerName?: string;
  readonly computerGuid?: string;
  readonly computerSid?: string;
  readonly auth?: 'usernamemixed' | 'modeled-kerberos';
  readonly username?: string;
  readonly passwordEnv?: string;
  readonly ca?: string;
}

/** Where the environment and the clock come from (tests fix them). */
export interface ConformEnvironment {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly clock?: Clock;
}

/** modeled: the tenant id mock Entra uses when neither a scenario nor --tenant-id gives one. */
export const PLACEHOLDER_TENANT_ID = '00000000-0000-4000-8000-000000000000';

function usage(message: string, hint: string, where?: string): SimError {
  return new SimError('ERR_USAGE', message, { hint, ...(where ? { where } : {}) });
}

function checkMexUrl(url: string, from: string): void {
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw usage(
      `${from} ${url} is not an absolute URL`,
      'give the MetadataExchangeUri, e.g. https://sso.example.com/wsf/mex13/<appId>',
    );
  }
  if (new URL(url).protocol !== 'https:') {
    throw usage(
      `${from} ${url} is not https: Windows refuses such a MEX URL (${hresultLabel(HR.ERROR_ADAL_WS_TRUST_METADATAURL_NOT_SECURE)})`,
      'publish the MEX over https; for hjsim serve, start it with --tls and trust certs/tls-ca.crt (--ca)',
    );
  }
}

/** A certificate given as a file (PEM), PEM text or base64; readable as X.509. */
function certificateFrom(value: string, flag: string, baseDir: string): string {
  let pem: string;
  try {
    pem = certificateText(value, baseDir);
  } catch (e) {
    throw usage(
      `${flag} ${value}: ${e instanceof Error ? e.message : String(e)}`,
      'name a PEM file (the IdP token-signing certificate) or paste its base64 as Get-MgDomainFederationConfiguration prints it',
    );
  }
  try {
    new X509Certificate(certificateDer(pem));
  } catch {
    throw usage(
      `${flag} ${value} is not a readable X.509 certificate`,
      'name a PEM certificate file',
    );
  }
  return pem;
}

/** The scenario's federated domain: --domain, else the only (or first) federated one. */
function federatedDomainOf(s: Scenario, name: string | undefined, file: string) {
  const federated = s.tenant.domains.filter(
    (d) => d.authentication === 'federated' && d.federation,
  );
  const d =
    name === undefined
      ? federated[0]
      : federated.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!d?.federation) {
    throw usage(
      name === undefined
        ? `${file} has no federated domain with federation settings`
        : `${file} has no federated domain ${name} (it has ${federated.map((x) => x.name).join(', ') || 'none'})`,
      'add tenant.domains[].federation (issuerUri, signingCertificate, …), or give --issuer and --signing-cert',
      file,
    );
  }
  return { name: d.name, federation: d.federation };
}

interface FromScenario {
  readonly loaded: LoadedScenario;
  readonly scenario: Scenario;
  readonly notes: string[];
}

async function readScenario(input: ConformInput): Promise<FromScenario | undefined> {
  if (input.scenario === undefined) return undefined;
  const loaded = await loadScenario(input.scenario);
  const s = loaded.scenario;
  const notes: string[] = [];
  const mex = input.idpMex;
  // A mock-IdP scenario served by hjsim serve elsewhere: move its IdP URLs as serve does.
  if (mex !== undefined && URL.canParse(mex) && s.idp.host !== undefined) {
    const from = `https://${s.idp.host}`.toLowerCase();
    const to = new URL(mex).origin;
    if (to.toLowerCase() !== new URL(from).origin) {
      notes.push(`the scenario's URLs on ${from} were moved to ${to}, as hjsim serve moves them`);
      return { loaded, scenario: localizeScenario(s, to), notes };
    }
  }
  return { loaded, scenario: s, notes };
}

function computerOf(input: ConformInput, s: Scenario | undefined): ConformComputer {
  const guid = input.computerGuid ?? s?.device.objectGuid;
  const sid = input.computerSid ?? s?.device.objectSid;
  if (guid !== undefined && !isGuid(guid))
    throw usage(
      `--computer-guid ${guid} is not a GUID`,
      'write it as 3f0817b9-ca17-4714-ab81-f7b5943dec7b',
    );
  if (sid !== undefined && !isSid(sid))
    throw usage(`--computer-sid ${sid} is not a SID`, 'write it as S-1-5-21-<a>-<b>-<c>-<RID>');
  const name = input.computerName ?? s?.device.name;
  return {
    ...(name ? { name } : {}),
    ...(guid ? { objectGuid: guid } : {}),
    ...(sid ? { objectSid: sid } : {}),
  };
}

function passwordFrom(env: ConformEnvironment['env'], name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    throw usage(
      `--password-env ${name} is not an environment variable name`,
      'e.g. --password-env HJSIM_IDP_PASSWORD',
    );
  const value = env[name];
  if (value === undefined || value === '') {
    throw usage(
      `--password-env ${name}: no such environment variable is set`,
      `export ${name}=<the password> (in CI: a secret); the password is never taken from the command line`,
    );
  }
  return value;
}

function authOf(
  input: ConformInput,
  from: FromScenario | undefined,
  env: ConformEnvironment['env'],
): ConformAuth {
  const external = from?.scenario.idp.external;
  const kind =
    input.auth ??
    (input.username !== undefined
      ? 'usernamemixed'
      : external !== undefined
        ? external.credentials === 'modeled-kerberos'
          ? 'modeled-kerberos'
          : 'usernamemixed'
        : from !== undefined
          ? 'modeled-kerberos'
          : undefined);
  if (kind === undefined) {
    throw usage(
      'no credentials: give --username and --password-env (WS-Trust usernamemixed), or a --scenario for modeled Kerberos against an hjsim mock IdP',
      'hjsim conform --idp-mex URL --username "IMOK-HYJD$" --password-env HJSIM_IDP_PASSWORD …',
    );
  }
  if (kind === 'usernamemixed') {
    if (input.username !== undefined) {
      if (input.passwordEnv === undefined) {
        throw usage(
          `--username ${input.username} needs --password-env NAME: the password is read from that environment variable`,
          'export HJSIM_IDP_PASSWORD=… then add --password-env HJSIM_IDP_PASSWORD',
        );
      }
      return { kind, username: input.username, password: passwordFrom(env, input.passwordEnv) };
    }
    const signIn = external ? externalSignIn(external, env) : undefined;
    if (!signIn) {
      throw usage(
        '--auth usernamemixed needs --username and --password-env',
        'the account the IdP signs in with a password: a computer account (NAME$) for device claims',
      );
    }
    return { kind, ...signIn };
  }
  if (!from) {
    throw usage(
      "--auth modeled-kerberos needs --scenario: the modeled ticket names the scenario's computer and domain",
      'or sign in with --username and --password-env',
    );
  }
  const world = buildWorld(from.scenario, from.loaded.dir);
  return { kind, negotiate: world.machine.negotiate };
}

export async function conformSettings(
  input: ConformInput,
  environment: ConformEnvironment = { env: process.env },
): Promise<ConformSettings> {
  const from = await readScenario(input);
  const s = from?.scenario;
  const baseDir = from?.loaded.dir ?? process.cwd();
  const domain = s ? federatedDomainOf(s, input.domain, from.loaded.file) : undefined;

  const mexUrl =
    input.idpMex ?? s?.idp.external?.metadataExchangeUri ?? domain?.federation.metadataExchangeUri;
  if (mexUrl === undefined) {
    throw usage(
      'no MEX to test: give --idp-mex URL (the MetadataExchangeUri)',
      'hjsim conform --idp-mex https://sso.example.com/wsf/mex13/<appId> …',
    );
  }
  checkMexUrl(mexUrl, input.idpMex !== undefined ? '--idp-mex' : "the scenario's MEX URL");

  const issuerUri = input.issuer ?? domain?.federation.issuerUri;
  const signing = input.signingCert ?? domain?.federation.signingCertificate;
  if (issuerUri === undefined || signing === undefined) {
    throw usage(
      `no federation settings: ${issuerUri === undefined ? '--issuer' : '--signing-cert'} is missing`,
      "give --scenario FILE (a tenant.domains[].federation block), or --issuer URI and --signing-cert FILE as Get-MgDomainFederationConfiguration shows the domain's IssuerUri and SigningCertificate",
    );
  }
  const next = input.nextSigningCert ?? domain?.federation.nextSigningCertificate;
  const federation: ConformFederation = {
    domain: input.domain ?? domain?.name ?? new URL(mexUrl).hostname,
    issuerUri,
    metadataExchangeUri:
      s?.idp.external?.metadataExchangeUri ?? domain?.federation.metadataExchangeUri ?? mexUrl,
    signingCertificate: certificateFrom(
      signing,
      input.signingCert ? '--signing-cert' : 'signingCertificate',
      baseDir,
    ),
    ...(next
      ? {
          nextSigningCertificate: certificateFrom(
            next,
            input.nextSigningCert ? '--next-signing-cert' : 'nextSigningCertificate',
            baseDir,
          ),
        }
      : {}),
    preferredAuthenticationProtocol:
      input.protocol ?? domain?.federation.preferredAuthenticationProtocol ?? 'wsFed',
  };

  const tenantId = input.tenantId ?? s?.tenant.id ?? PLACEHOLDER_TENANT_ID;
  if (!isGuid(tenantId)) throw usage(`--tenant-id ${tenantId} is not a GUID`, 'the tenant id GUID');

  const caPath = input.ca ?? s?.idp.external?.caFile;
  let ca: string | undefined;
  if (caPath !== undefined) {
    try {
      ca = caCertificatesPem(caPath, input.ca !== undefined ? process.cwd() : baseDir);
    } catch (e) {
      if (e instanceof SimError)
        throw usage(e.message, e.hint ?? 'name a PEM file of CA certificates', e.where);
      throw e;
    }
  }

  return {
    mexUrl,
    federation,
    tenantId,
    computer: computerOf(input, s),
    auth: authOf(input, from, environment.env),
    ...(ca ? { ca } : {}),
    clock: environment.clock ?? systemClock(),
    ids: randomIds(),
    notes: from?.notes ?? [],
  };
}
