/**
 * Scenario fields of the mock IdP beyond the walking skeleton's: its users, the MEX variant,
 * signature algorithms, NameIdentifier, relying parties, the verified domain and the AD FS
 * relying-party options. Imported by schema.ts under `idp:`.
 */
import { z } from 'zod';
import { MEX_VARIANTS } from '../idp/idp-config.ts';

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
  })
  .strict();

/** Profile-specific fields must belong to the scenario's profile (reported with their line). */
export function checkIdpProfileFields(
  idp: { profile: string; adfs?: unknown; appId?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (idp.adfs !== undefined && idp.profile !== 'adfs') {
    ctx.addIssue({
      code: 'custom',
      path: ['adfs'],
      message: `applies to the adfs profile, and this IdP is ${idp.profile}: remove it or set profile: adfs`,
    });
  }
  if (idp.appId !== undefined && idp.profile !== 'pingone') {
    ctx.addIssue({
      code: 'custom',
      path: ['appId'],
      message: `is a PingOne application id, and this IdP is ${idp.profile}: remove it or set profile: pingone`,
    });
  }
}
