/**
 * Scenario fields of the mock IdP beyond the walking skeleton's: its users, the MEX variant,
 * signature algorithms, NameIdentifier, relying parties, the verified domain and the AD FS
 * relying-party options. Imported by schema.ts under `idp:`.
 */
import { z } from 'zod';
import { MEX_VARIANTS } from '../../idp/idp-config.ts';

const guid = z
  .string()
  .regex(
    /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    'a GUID like 3f0817b9-ca17-4714-ab81-f7b5943dec7b',
  );

export const idpUserSchema = z
  .object({
    upn: z.string().regex(/^[^@\s]+@[^@\s]+$/, 'a UPN like alice@contoso.com'),
    password: z.string().min(1),
    objectGuid: guid
      .optional()
      .describe(
        'The source anchor (objectGUID / mS-DS-ConsistencyGuid) the ImmutableID is made from',
      ),
    immutableId: z.string().min(1).optional().describe('The ImmutableID as synced (base64)'),
  })
  .strict()
  .refine((u) => u.objectGuid !== undefined || u.immutableId !== undefined, {
    message: 'give objectGuid or immutableId: the IdP issues the ImmutableID from one of them',
  });

export const idpMexSchema = z
  .object({
    variant: z
      .enum(MEX_VARIANTS)
      .default('complete')
      .describe('The MEX document the IdP serves: its own, or one named breakage'),
  })
  .strict();

export const idpSignatureSchema = z
  .object({
    algorithm: z.enum(['rsa-sha256', 'rsa-sha1']).default('rsa-sha256'),
    digest: z.enum(['sha256', 'sha1']).default('sha256'),
    keyInfo: z.boolean().default(true).describe('Put the signing certificate in ds:KeyInfo'),
  })
  .strict();

export const idpNameIdentifierSchema = z.union([
  z.literal('omit'),
  z
    .object({
      format: z.string().optional().describe('NameIdentifier Format URI ("" leaves it out)'),
      value: z.string().optional().describe('A literal value instead of the ImmutableID'),
    })
    .strict(),
]);

export const idpAdfsSchema = z
  .object({
    multipleDomains: z
      .boolean()
      .default(false)
      .describe(
        '-SupportMultipleDomain: the Issuer is the service identifier, issuerid names the domain',
      ),
    issuerIdRules: z
      .enum(['hybrid-join', 'upn-leftover', 'none'])
      .optional()
      .describe(
        "hybrid-join: the manual's user and computer rules (default with multipleDomains); upn-leftover: only the old UPN-based rule; none",
      ),
    issuerIdDomain: z
      .string()
      .optional()
      .describe("The verified domain the computers' issuerid names (default: idp.domain)"),
    issuanceTransformRules: z
      .string()
      .min(1)
      .optional()
      .describe(
        "The relying party trust's IssuanceTransformRules in the AD FS claim rule language (what (Get-AdfsRelyingPartyTrust -Name 'Microsoft Office 365 Identity Platform').IssuanceTransformRules prints), or the path of a file holding them, relative to the scenario; replaces the built-in rules (docs/claim-rules.md)",
      ),
    computerAccess: z
      .enum(['permit', 'deny'])
      .default('permit')
      .describe(
        "The relying party trust's issuance authorization / access control policy for computers: deny (a policy that permits only users or a group the computers are not in) refuses the computer's WS-Trust request with the SOAP fault 'MSIS7068: Access denied.'",
      ),
  })
  .strict();

export const idpPingOneSchema = z
  .object({
    attributeMappings: z
      .array(
        z
          .object({
            name: z
              .string()
              .min(1)
              .describe('The attribute name (accounttype, onpremobjectguid, …)'),
            value: z
              .string()
              .min(1)
              .describe(
                'The source expression, e.g. #string.uuidAsBase64Guid(user.externalId,null) or "DJ"',
              ),
            nameFormat: z
              .string()
              .optional()
              .describe(
                "The NameFormat (the SAML 1.1 AttributeNamespace); default PingOne's unspecified",
              ),
            required: z
              .boolean()
              .optional()
              .describe(
                'The mapping is marked required in PingOne (kept for the record; it does not change the token)',
              ),
          })
          .strict(),
      )
      .min(1)
      .optional()
      .describe(
        "The Microsoft 365 application's attribute mappings as the PingOne API lists them (hjsim reproduce imports them from GET …/applications/{appID}/attributes); replaces the reference mappings",
      ),
  })
  .strict();

/** Profile-specific fields must belong to the scenario's profile (reported with their line). */
export function checkIdpProfileFields(
  idp: {
    profile?: string | undefined;
    adfs?: unknown;
    pingone?: unknown;
    appId?: string | undefined;
  },
  ctx: z.RefinementCtx,
): void {
  if (idp.adfs !== undefined && idp.profile !== 'adfs') {
    ctx.addIssue({
      code: 'custom',
      path: ['adfs'],
      input: idp.adfs,
      message: `applies to the adfs profile, and this IdP is ${idp.profile ?? "not hjsim's mock"}: remove it or set profile: adfs`,
    });
  }
  if (idp.pingone !== undefined && idp.profile !== 'pingone') {
    ctx.addIssue({
      code: 'custom',
      path: ['pingone'],
      input: idp.pingone,
      message: `applies to the pingone profile, and this IdP is ${idp.profile ?? "not hjsim's mock"}: remove it or set profile: pingone`,
    });
  }
  if (idp.appId !== undefined && idp.profile !== 'pingone') {
    ctx.addIssue({
      code: 'custom',
      path: ['appId'],
      input: idp.appId,
      message: `is a PingOne application id, and this IdP is ${idp.profile ?? "not hjsim's mock"}: remove it or set profile: pingone`,
    });
  }
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const absoluteUrl = (what: string) =>
  z.string().refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), {
    message: `${what} must be an absolute http(s) URL like https://sso.example.com/wsf/mex13/<appId>`,
  });

/**
 * How the client authenticates to an external IdP. Windows sends the computer's Kerberos ticket
 * (windowstransport); hjsim cannot get a real ticket for a real IdP, so a password sign-in as the
 * computer account (WS-Trust usernamemixed) stands in for it (docs/decisions/0011).
 */
export const idpExternalCredentialsSchema = z.union([
  z
    .literal('modeled-kerberos')
    .describe(
      "windowstransport with hjsim's modeled Kerberos ticket (docs/decisions/0003): only an hjsim mock IdP (hjsim serve) reads it",
    ),
  z
    .object({
      username: z
        .string()
        .min(1)
        .describe(
          'The account the IdP authenticates with a password: a computer account (IMOK-HYJD$, NETBIOS\\IMOK-HYJD$) for device claims',
        ),
      password: z
        .string()
        .min(1)
        .optional()
        .describe('The password, in the file (prefer passwordEnv: files end up in repositories)'),
      passwordEnv: z
        .string()
        .regex(ENV_NAME, 'an environment variable name like HJSIM_IDP_PASSWORD')
        .optional()
        .describe('The environment variable that holds the password (a CI secret)'),
    })
    .strict()
    .refine((c) => (c.password === undefined) !== (c.passwordEnv === undefined), {
      message: 'give exactly one of password and passwordEnv',
    })
    .describe(
      "WS-Trust usernamemixed with these credentials, in place of the computer's windowstransport (modeled)",
    ),
]);

export const idpExternalSchema = z
  .object({
    metadataExchangeUri: absoluteUrl('metadataExchangeUri')
      .optional()
      .describe("The external IdP's MEX; replaces the federated domain's metadataExchangeUri"),
    activeSignInUri: absoluteUrl('activeSignInUri')
      .optional()
      .describe("The external IdP's WS-Trust STS; replaces the federated domain's activeSignInUri"),
    credentials: idpExternalCredentialsSchema.describe(
      'How the join client authenticates to the IdP: modeled-kerberos, or { username, password | passwordEnv } for usernamemixed',
    ),
    caFile: z
      .string()
      .min(1)
      .optional()
      .describe(
        "A PEM file of CA certificates trusted for the IdP's TLS besides the system ones (relative to the scenario file)",
      ),
  })
  .strict()
  .refine((e) => e.metadataExchangeUri !== undefined || e.activeSignInUri !== undefined, {
    message: 'give metadataExchangeUri (what Windows fetches) or activeSignInUri',
  });

/** Fields that configure hjsim's own mock IdP: meaningless when the scenario names an external one. */
const MOCK_IDP_FIELDS = [
  'profile',
  'host',
  'appId',
  'issuer',
  'signingKey',
  'signingCertificate',
  'tokenType',
  'tokenVersion',
  'audience',
  'attack',
  'validity',
  'mex',
  'signature',
  'nameIdentifier',
  'relyingParties',
  'adfs',
] as const;

/** An external IdP replaces the mock one; without it, the mock IdP's own fields are required. */
export function checkExternalIdp(
  idp: Record<string, unknown> & {
    external?: unknown;
    claims?: Record<string, unknown>;
    extraClaims?: Record<string, unknown>;
    users?: readonly unknown[];
    wiaormultiauthn?: boolean;
  },
  ctx: z.RefinementCtx,
): void {
  if (idp.external === undefined) {
    for (const field of ['profile', 'host', 'signingKey'] as const) {
      if (idp[field] !== undefined) continue;
      ctx.addIssue({
        code: 'custom',
        path: [field],
        input: undefined,
        message: `is required for hjsim's mock IdP (or set idp.external to test an IdP hjsim does not simulate)`,
      });
    }
    return;
  }
  const present: string[] = MOCK_IDP_FIELDS.filter((f) => idp[f] !== undefined);
  if (idp.claims !== undefined && Object.keys(idp.claims).length > 0) present.push('claims');
  if (idp.extraClaims !== undefined && Object.keys(idp.extraClaims).length > 0)
    present.push('extraClaims');
  if (idp.users !== undefined && idp.users.length > 0) present.push('users');
  if (idp.wiaormultiauthn === true) present.push('wiaormultiauthn');
  for (const field of present) {
    ctx.addIssue({
      code: 'custom',
      path: [field],
      input: idp[field as keyof typeof idp],
      message: `configures hjsim's mock IdP, and idp.external replaces it: remove it (under extends: ${field}: null)`,
    });
  }
}
