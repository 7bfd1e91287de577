/**
 * The scenario file format (DESIGN.md "Scenario file"): tenant, IdP, on-prem AD, device, and the
 * expected outcome. Field names are the contract; defaults make a baseline short.
 */
import { z } from 'zod';
import {
  checkExternalIdp,
  checkIdpProfileFields,
  idpAdfsSchema,
  idpPingOneSchema,
  idpExternalSchema,
  idpMexSchema,
  idpNameIdentifierSchema,
  idpSignatureSchema,
  idpUserSchema,
} from '../world/idp-fields.ts';
import { SAML_ATTACK_NAMES } from '../../protocol/saml11/attacks/catalog.ts';
import { CLAIM } from '../../protocol/claims/claim-types.ts';
import { didYouMean } from './did-you-mean.ts';
import { OLDEST_MODELED_BUILD, windowsBuild } from '../../client/windows-build.ts';
import {
  NETWORK_FAULTS,
  TPM_FAILURES,
  type NetworkFault,
  type TpmFailure,
} from '../../onprem/machine.ts';
import { HR } from '../../protocol/hresult/catalog.ts';
import { AADSTS } from '../../protocol/oauth/aadsts.ts';

const guid = z
  .string()
  .regex(
    /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    'a GUID like 3f0817b9-ca17-4714-ab81-f7b5943dec7b',
  );
const sid = z
  .string()
  .regex(/^S-1-\d+(-\d+)+$/, 'a SID like S-1-5-21-1004336348-1177238915-682003330-1105');
/** Windows 7 / 8.1 / Server 2008 R2 / 2012 / 2012 R2: the autoworkplace client. [DL] [TSL] */
export const DOWNLEVEL_OS = [
  'windows7',
  'windows8.1',
  'server2008r2',
  'server2012',
  'server2012r2',
] as const;

const onpremUserSchema = z
  .object({
    upn: z.string().regex(/^[^@\s]+@[^@\s]+$/, 'a UPN like jdoe@contoso.com'),
    samAccountName: z.string().optional().describe('Default: the UPN before @'),
    objectGuid: guid.optional().describe('Default: derived from the UPN'),
    objectSid: sid.optional().describe("Default: the computer's domain SID plus a RID"),
  })
  .strict();

const signedInUserSchema = z
  .object({
    upn: z.string().min(1).describe('An onprem.users UPN, or the local account name'),
    local: z.boolean().default(false).describe('A local account, not a domain user'),
    cachedUpn: z
      .string()
      .optional()
      .describe('The UPN the browser still sends after a UPN change (old cookies)'),
    workplaceJoined: z
      .boolean()
      .default(false)
      .describe(
        'Windows 10+: the user added a work account (Entra registered the device) before the hybrid join; 1803+ removes that registered state once the device is hybrid joined and the user signs in, earlier builds keep both (dual state, WorkplaceJoined YES)',
      ),
  })
  .strict();

const ieSchema = z
  .object({
    intranetZone: z
      .array(z.string())
      .optional()
      .describe(
        'Local intranet sites (default: the deployment guide set: device.login.microsoftonline.com, autologon.microsoftazuread-sso.com, the IdP)',
      ),
    trustedSites: z.array(z.string()).default([]),
    enhancedSecurity: z
      .boolean()
      .default(false)
      .describe('IE Enhanced Security Configuration / Enhanced Protected Mode'),
    doNotSaveEncryptedPages: z
      .boolean()
      .default(false)
      .describe('"Do not save encrypted pages to disk" is checked'),
  })
  .strict();

const downlevelTenantSchema = z
  .object({
    seamlessSso: z.boolean().default(false).describe('Seamless SSO is enabled for the forest'),
    registrationService: z
      .enum(['up', 'unavailable'])
      .default('up')
      .describe("unavailable: DRS's enrollment service does not answer"),
  })
  .strict();

const hresult = z.string().regex(/^0x[0-9a-fA-F]{1,8}$/, `an HRESULT like ${HR.ERROR_ADAL_HANDLE}`);

export const claimOverrideSchema = z.union([
  z.literal('omit'),
  z
    .object({
      namespace: z
        .string()
        .optional()
        .describe('SAML 1.1 AttributeNamespace (PingOne: the NameFormat)'),
      name: z.string().optional().describe('SAML 1.1 AttributeName'),
      value: z
        .string()
        .optional()
        .describe('A literal value instead of the one computed from the device'),
      omit: z.boolean().optional().describe('Leave the claim out of the assertion'),
      encoding: z
        .enum(['uuidAsBase64Guid', 'bigEndian'])
        .optional()
        .describe('GUID byte order for GUID-valued claims'),
      duplicate: z.boolean().optional().describe('Issue the attribute twice'),
    })
    .strict(),
]);

/**
 * The claims a scenario may change under `idp.claims`: those the profiles issue or a device token
 * carries (CLAIM), and the NameIdentifier under its two spellings. Anything else is a typo, named
 * with its nearest match; a claim no profile issues is added under `idp.extraClaims`.
 */
export const CHANGEABLE_CLAIMS: readonly string[] = [
  ...Object.keys(CLAIM),
  'nameidentifier',
  'Subject',
];
const NAME_IDENTIFIER_ALIASES = ['nameidentifier', 'subject'];

function checkClaimKeys(claims: Record<string, unknown>, ctx: z.RefinementCtx): void {
  for (const key of Object.keys(claims)) {
    // Claim names are case-sensitive (they are AttributeNames); the NameIdentifier aliases are not.
    if (Object.hasOwn(CLAIM, key) || NAME_IDENTIFIER_ALIASES.includes(key.toLowerCase())) continue;
    const guess = didYouMean(key, CHANGEABLE_CLAIMS);
    ctx.addIssue({
      code: 'custom',
      path: [key],
      input: undefined,
      message: `unknown claim '${key}'${guess ? ` (did you mean '${guess}'?)` : ''}; claims here: ${CHANGEABLE_CLAIMS.join(', ')}; a claim the IdP does not issue goes under idp.extraClaims with its namespace and value`,
    });
  }
}

const extraClaimSchema = z
  .object({
    namespace: z.string().min(1).describe('SAML 1.1 AttributeNamespace (PingOne: the NameFormat)'),
    name: z.string().min(1).optional().describe('SAML 1.1 AttributeName (default: the key)'),
    value: z.string().describe('The value issued'),
  })
  .strict();

const federationSchema = z
  .object({
    issuerUri: z.string(),
    metadataExchangeUri: z.string(),
    activeSignInUri: z.string(),
    passiveSignInUri: z.string().optional(),
    signOutUri: z.string().optional(),
    signingCertificate: z
      .string()
      .describe('A PEM file path (certs/idp-signing.crt) or the certificate as base64'),
    nextSigningCertificate: z.string().optional(),
    preferredAuthenticationProtocol: z.enum(['wsFed', 'saml']).default('wsFed'),
    federatedIdpMfaBehavior: z.string().optional(),
    displayName: z.string().optional(),
  })
  .strict();

const domainSchema = z
  .object({
    name: z.string().min(1),
    authentication: z.enum(['managed', 'federated']),
    federation: federationSchema.optional(),
  })
  .strict();

const syncedDeviceSchema = z
  .object({
    objectGuid: guid,
    objectSid: sid,
    displayName: z.string().optional(),
    userCertificate: z
      .boolean()
      .default(true)
      .describe('Entra Connect synced the computer with its userCertificate'),
  })
  .strict();

export const scenarioSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    tags: z.array(z.string()).default([]),
    extends: z
      .string()
      .optional()
      .describe('Path of a scenario to start from; this file patches it'),
    seed: z
      .union([z.number().int(), z.string()])
      .optional()
      .describe('Fixed ids and times: a byte-reproducible run'),
    clock: z.iso
      .datetime()
      .optional()
      .describe(
        "The simulated world's time at the start of the run (default: now, or 2025-07-10T17:22:13Z when seeded)",
      ),
    timeline: z
      .array(
        z
          .object({
            afterMinutes: z
              .number()
              .min(0)
              .describe('Minutes after the run starts (the simulated clock moves there)'),
            event: z
              .enum(['join', 'sync'])
              .describe(
                'join: an Automatic-Device-Join attempt (at sign-in, or the scheduled task), skipped once joined; sync: an Entra Connect sync cycle exports the computer with its userCertificate',
              ),
          })
          .strict(),
      )
      .optional()
      .describe(
        "What happens when, instead of one join: the attempts and the sync cycles between them, in order. The outcome is the last attempt's; the report and the golden list each step with its time",
      ),
    tenant: z
      .object({
        id: guid,
        displayName: z.string().optional(),
        domains: z.array(domainSchema).min(1),
        devices: z.array(syncedDeviceSchema).default([]),
        users: z
          .array(
            z
              .object({
                upn: z.string(),
                immutableId: z.string().optional(),
                mfaRequired: z
                  .boolean()
                  .optional()
                  .describe('Per-user MFA or Conditional Access requires MFA for this user'),
                registeredDevices: z
                  .number()
                  .int()
                  .min(0)
                  .optional()
                  .describe('Devices the user registered before the run (count against the quota)'),
                passwordSynced: z
                  .boolean()
                  .optional()
                  .describe(
                    `false: the user changed the password on-premises and password hash sync has not brought it to Entra yet: the PRT request gets AADSTS${AADSTS.InvalidUserNameOrPassword}`,
                  ),
              })
              .strict(),
          )
          .default([]),
        userDeviceQuota: z
          .number()
          .int()
          .min(0)
          .optional()
          .describe('Maximum number of devices per user (Graph userDeviceQuota; default 50)'),
        drs: z
          .object({
            throttle: z
              .object({
                maxRequests: z.number().int().min(0),
                windowSeconds: z.number().int().positive().default(300),
              })
              .strict()
              .optional()
              .describe('Join requests DRS accepts per device (or user) per window'),
            registrationService: z
              .enum(['up', 'unavailable'])
              .default('up')
              .describe(
                `unavailable: DRS answers 503 (Windows 10+: discovery fails with DSREG_SERVER_BUSY ${HR.DSREG_SERVER_BUSY}; down-level: "the server didn't respond")`,
              ),
          })
          .strict()
          .optional(),
        afterJoin: z
          .object({
            device: z
              .enum(['kept', 'deleted', 'disabled'])
              .default('kept')
              .describe(
                'What happens to the device object in Entra after the join: deleted (the computer left the Entra Connect sync scope, or a stale-device clean-up removed it) or disabled by an admin; dsregcmd /status then shows DeviceAuthStatus FAILED and sign-in gets no PRT',
              ),
          })
          .strict()
          .optional()
          .describe('Changes to the tenant between the join and the sign-in that follows it'),
        downlevel: downlevelTenantSchema
          .optional()
          .describe('What the down-level (Windows 7 / 8.1) registration meets in Entra'),
      })
      .strict(),
    idp: z
      .object({
        // Required unless idp.external is set (checkExternalIdp); texts in field-docs.ts.
        profile: z.enum(['pingone', 'adfs']).optional(),
        host: z.string().min(1).optional(),
        appId: z
          .string()
          .optional()
          .describe(
            "PingOne application id (default: taken from the federated domain's activeSignInUri)",
          ),
        issuer: z
          .string()
          .optional()
          .describe(
            "Assertion Issuer (default: the profile's: PingOne https://<host>/applications/<appId>, AD FS http://<domain>/adfs/services/trust/)",
          ),
        signingKey: z.string().optional(),
        signingCertificate: z
          .string()
          .optional()
          .describe('Default: the signingKey path with .crt'),
        claims: z.record(z.string(), claimOverrideSchema).default({}).superRefine(checkClaimKeys),
        extraClaims: z
          .record(z.string(), extraClaimSchema)
          .default({})
          .describe('Claims the profile does not issue, added to the assertion as written'),
        kerberos: z
          .object({ aes: z.boolean().default(true) })
          .strict()
          .default({ aes: true }),
        tokenType: z
          .enum([
            'urn:oasis:names:tc:SAML:1.0:assertion',
            'http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV1.1',
            'urn:oasis:names:tc:SAML:2.0:assertion',
            'http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV2.0',
          ])
          .optional(),
        tokenVersion: z
          .enum(['1.1', '2.0'])
          .optional()
          .describe('SAML version of the assertion (default 1.1); tokenType is set apart'),
        audience: z.string().optional(),
        attack: z
          .enum(SAML_ATTACK_NAMES as [string, ...string[]])
          .optional()
          .describe(
            'Turn the signed assertion into this attack (test/attacks/README.md lists them)',
          ),
        validity: z
          .object({
            notBeforeOffsetSeconds: z.number().default(0),
            lifetimeSeconds: z.number().positive().default(3600),
          })
          .strict()
          .optional(),
        domain: z
          .string()
          .optional()
          .describe(
            'The verified domain the IdP federates (AD FS issuer, issuerid); default: the federated domain whose federation URLs name idp.host',
          ),
        users: z
          .array(idpUserSchema)
          .default([])
          .describe('Users the IdP authenticates by password (usernamemixed, sign-in forms)'),
        mex: idpMexSchema.optional(),
        signature: idpSignatureSchema.optional(),
        nameIdentifier: idpNameIdentifierSchema.optional(),
        relyingParties: z
          .array(z.string().min(1))
          .optional()
          .describe(
            'Relying-party identifiers the IdP knows (default: urn:federation:MicrosoftOnline)',
          ),
        adfs: idpAdfsSchema.optional(),
        pingone: idpPingOneSchema.optional(),
        wiaormultiauthn: z
          .boolean()
          .default(false)
          .describe(
            'The relying party trust allows the wiaormultiauthn class (Set-AdfsRelyingPartyTrust -AllowedAuthenticationClassReferences wiaormultiauthn)',
          ),
        external: idpExternalSchema
          .optional()
          .describe(
            'Test a real WS-Trust IdP instead of the mock: no mock IdP is built, the join client talks to this one over the network, and mock Entra runs on the real clock even when seeded (docs/decisions/0011)',
          ),
      })
      .strict()
      .superRefine(checkIdpProfileFields)
      .superRefine(checkExternalIdp),
    onprem: z
      .object({
        domain: z.string().min(1),
        forest: z.string().optional(),
        netbiosName: z.string().optional(),
        domainController: z.string().default('DC01').describe('DC host name (without the domain)'),
        dcReachable: z.boolean().default(true),
        rc4Disabled: z
          .boolean()
          .default(false)
          .describe(
            'The domain allows only AES for Kerberos (RC4_HMAC_MD5 disabled by policy, NTLM disabled): a service account without AES keys (idp.kerberos.aes false) gets no service ticket at all, KDC_ERR_ETYPE_NOTSUPP',
          ),
        scp: z
          .union([
            z
              .object({
                azureADName: z.string().optional(),
                azureADId: z.string().optional(),
                keywords: z
                  .array(z.string())
                  .optional()
                  .describe(
                    'The raw keywords attribute (e.g. to misspell azureADName:); when given, azureADName and azureADId are not used',
                  ),
              })
              .strict(),
            z.literal('missing'),
            z.literal('unreadable'),
          ])
          .describe('The SCP keywords, or missing / unreadable'),
        registry: z
          .object({ tenantId: z.string().optional(), tenantName: z.string().optional() })
          .strict()
          .optional()
          .describe('CDJ\\AAD client-side SCP override'),
        users: z
          .array(onpremUserSchema)
          .default([])
          .describe('AD user accounts (who signs in to a down-level machine)'),
      })
      .strict(),
    device: z
      .object({
        name: z.string().min(1),
        os: z
          .enum([
            'windows10',
            'windows11',
            'server2016',
            'server2019',
            'server2022',
            ...DOWNLEVEL_OS,
          ])
          .default('windows10')
          .describe('Windows 10+ joins with dsregcmd; the down-level versions with autoworkplace'),
        osVersion: z
          .string()
          .optional()
          .describe(
            'OSVersion the client reports (default per os: windows10 10.0.19045.5965, windows11 10.0.26100.4652, server2016 10.0.14393.8148, server2019 10.0.17763.7558, server2022 10.0.20348.3932; down-level 6.x). On Windows 10+ its build (10.0.<build>) selects what dsregcmd prints and logs: builds before 19041 print the older /join /debug shape (dsregcmd::wmain, LogFatalAuthError), builds before 17763 the older event 304/305 texts (docs/fidelity.md)',
          ),
        objectGuid: guid,
        objectSid: sid,
        fallbackToSyncJoin: z.boolean().default(true),
        syncedToEntra: z
          .boolean()
          .default(false)
          .describe('Entra Connect has synced this computer (with its userCertificate)'),
        userCertificate: z
          .boolean()
          .default(true)
          .describe('The computer object carries a userCertificate'),
        accountPassword: z
          .string()
          .min(1)
          .optional()
          .describe(
            "The computer account's password in AD (New-ADComputer -AccountPassword): the mock IdP then also accepts a usernamemixed sign-in as NAME$ (what hjsim conform sends with credentials; Windows never does)",
          ),
        userPrincipalName: z
          .string()
          .min(1)
          .optional()
          .describe(
            "The computer account's userPrincipalName in AD, when someone set one (NAME$@domain): AD FS's Issue UPN rule then issues it for the device, as in a captured AD FS device token",
          ),
        runAsSystem: z.boolean().default(true),
        alreadyJoined: z
          .boolean()
          .default(false)
          .describe('An earlier join left its registration on the machine (event 335)'),
        deviceKeysHealthy: z
          .boolean()
          .default(true)
          .describe(
            'false: the earlier registration lost its device key (event 332: leave, join again)',
          ),
        signedInUsers: z
          .array(signedInUserSchema)
          .default([])
          .describe(
            "Who signs in, in order. Down-level: autoworkplace runs in each session. Windows 10+: the first domain user's console runs dsregcmd /status (Executing Account Name, User State, SSO State)",
          ),
        ie: ieSchema.optional().describe("Down-level: Internet Explorer's zones and settings"),
        unreachableHosts: z
          .array(z.string())
          .default([])
          .describe('Hosts a proxy or firewall keeps the machine from reaching'),
        tpm: z
          .object({
            failure: z
              .enum(TPM_FAILURES as unknown as [TpmFailure, ...TpmFailure[]])
              .optional()
              .describe(
                `How the TPM fails when the join creates the device key: keyset-missing (NTE_BAD_KEYSET ${HR.NTE_BAD_KEYSET}: TPM cleared, bad sysprep image), fips-mode (TPM 1.2 in FIPS mode, ${HR.TPM_E_NOTFIPS}), pcp-internal-error (${HR.TPM_E_PCP_INTERNAL_ERROR}), locked-out (anti-hammering lockout, NTE_AUTHENTICATION_IGNORED ${HR.NTE_AUTHENTICATION_IGNORED}). Windows 10 1809+ completes the join with a software key after fips-mode and pcp-internal-error`,
              ),
          })
          .strict()
          .optional()
          .describe(
            'The machine has a TPM: the device key goes into the Microsoft Platform Crypto Provider (TpmProtected YES). Absent: a software key',
          ),
        networkFaults: z
          .record(
            z.string().min(1),
            z.enum(NETWORK_FAULTS as unknown as [NetworkFault, ...NetworkFault[]]),
          )
          .default({})
          .describe(
            `Per host: what the network or an outbound proxy does to the requests there. timeout, name-not-resolved, connection-aborted; untrusted-certificate (the host's TLS certificate does not chain to a root the machine trusts) and tls-inspection (a proxy re-signs the TLS session with its own root): ${HR.ERROR_ADAL_INTERNET_SECURE_FAILURE} / ${HR.WININET_E_DECODING_FAILED}; proxy-sign-in-page (the proxy answers 200 with its HTML sign-in page: ${HR.E_INVALIDDATA} at discovery); proxy-auth-required (HTTP 407 for SYSTEM, which cannot authenticate to the proxy; a user's session can)`,
          ),
      })
      .strict(),
    expect: z
      .object({
        joined: z.boolean().optional(),
        joinType: z
          .enum(['federated', 'sync', 'managed', 'none'])
          .optional()
          .describe('managed: a down-level registration through Seamless SSO'),
        aadsts: z
          .array(z.number().int())
          .optional()
          .describe('Exactly these AADSTS codes were returned ([] = none)'),
        hresults: z
          .array(hresult)
          .optional()
          .describe('Each of these failure HRESULTs was reported'),
        errorPhase: z.enum(['pre-check', 'discover', 'auth', 'join']).optional(),
        fallbackAttempted: z.boolean().optional(),
        events: z
          .array(z.number().int())
          .optional()
          .describe('Each of these Event Viewer ids was logged'),
        eventsExclude: z
          .array(z.number().int())
          .optional()
          .describe('None of these Event Viewer ids was logged'),
        registrations: z
          .number()
          .int()
          .nonnegative()
          .optional()
          .describe('Device registrations created in Entra (down-level: one per user)'),
        transcriptIncludes: z.array(z.string()).optional(),
        transcriptExcludes: z.array(z.string()).optional(),
        statusIncludes: z
          .array(z.string())
          .optional()
          .describe(
            'Lines dsregcmd /status prints (down-level: autoworkplace /i), e.g. DeviceAuthStatus or the SSO State after the join',
          ),
        statusExcludes: z
          .array(z.string())
          .optional()
          .describe('Lines dsregcmd /status must not print'),
      })
      .strict()
      .default({}),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.timeline) {
      if (!s.timeline.some((e) => e.event === 'join'))
        ctx.addIssue({
          code: 'custom',
          path: ['timeline'],
          input: s.timeline,
          message: 'a timeline needs at least one join: add { afterMinutes: 0, event: join }',
        });
      s.timeline.forEach((e, i) => {
        const before = s.timeline![i - 1];
        if (before && e.afterMinutes < before.afterMinutes)
          ctx.addIssue({
            code: 'custom',
            path: ['timeline', i, 'afterMinutes'],
            input: e.afterMinutes,
            message: `the timeline goes back in time (${e.afterMinutes} after ${before.afterMinutes}): list the steps in order`,
          });
      });
    }
    const downlevel = (DOWNLEVEL_OS as readonly string[]).includes(s.device.os);
    // Windows 10+: the build decides the output shapes; hjsim models 1607 (14393) and later.
    const build =
      s.device.osVersion === undefined ? OLDEST_MODELED_BUILD : windowsBuild(s.device.osVersion);
    if (!downlevel && (build === undefined || build < OLDEST_MODELED_BUILD)) {
      ctx.addIssue({
        code: 'custom',
        path: ['device', 'osVersion'],
        input: s.device.osVersion,
        message: `'${s.device.osVersion}' is not a Windows 10+ version hjsim models: write 10.0.<build>[.<revision>] with a build of ${OLDEST_MODELED_BUILD} (1607 / Server 2016) or later, e.g. 10.0.17763.7558`,
      });
    }
    // Down-level machines join per signed-in user.
    if (downlevel && s.device.signedInUsers.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['device', 'signedInUsers'],
        input: s.device.signedInUsers,
        message: `a ${s.device.os} machine joins in a user's session: list who signs in (device.signedInUsers: [{ upn: jdoe@contoso.com }])`,
      });
    }
    // Each signed-in domain user must exist in AD (down-level: who joins; Windows 10+: whose
    // console runs dsregcmd /status).
    s.device.signedInUsers.forEach((u, i) => {
      if (u.local) return;
      if (!s.onprem.users.some((o) => o.upn.toLowerCase() === u.upn.toLowerCase())) {
        ctx.addIssue({
          code: 'custom',
          path: ['device', 'signedInUsers', i, 'upn'],
          input: u.upn,
          message: `'${u.upn}' is not an AD user: add it to onprem.users, or set local: true for a local account`,
        });
      }
    });
  });

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
