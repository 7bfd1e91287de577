/**
 * The scenario file format (DESIGN.md "Scenario file"): tenant, IdP, on-prem AD, device, and the
 * expected outcome. Field names are the contract; defaults make a baseline short.
 */
import { z } from 'zod';
import { SAML_ATTACK_NAMES } from '../protocol/saml11/attacks/catalog.ts';

const guid = z
  .string()
  .regex(
    /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    'a GUID like 3f0817b9-ca17-4714-ab81-f7b5943dec7b',
  );
const sid = z
  .string()
  .regex(/^S-1-\d+(-\d+)+$/, 'a SID like S-1-5-21-1004336348-1177238915-682003330-1105');
const hresult = z.string().regex(/^0x[0-9a-fA-F]{1,8}$/, 'an HRESULT like 0xcaa1000e');

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
    tenant: z
      .object({
        id: guid,
        displayName: z.string().optional(),
        domains: z.array(domainSchema).min(1),
        devices: z.array(syncedDeviceSchema).default([]),
        users: z
          .array(z.object({ upn: z.string(), immutableId: z.string().optional() }).strict())
          .default([]),
      })
      .strict(),
    idp: z
      .object({
        profile: z.enum(['pingone']),
        host: z.string().min(1),
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
            "Assertion Issuer (default: the profile's, https://<host>/applications/<appId>)",
          ),
        signingKey: z.string(),
        signingCertificate: z
          .string()
          .optional()
          .describe('Default: the signingKey path with .crt'),
        claims: z.record(z.string(), claimOverrideSchema).default({}),
        kerberos: z
          .object({ aes: z.boolean().default(true) })
          .strict()
          .default({ aes: true }),
        tokenType: z
          .enum([
            'urn:oasis:names:tc:SAML:1.0:assertion',
            'http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV1.1',
          ])
          .optional(),
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
      })
      .strict(),
    onprem: z
      .object({
        domain: z.string().min(1),
        forest: z.string().optional(),
        netbiosName: z.string().optional(),
        domainController: z.string().default('DC01').describe('DC host name (without the domain)'),
        dcReachable: z.boolean().default(true),
        scp: z
          .union([
            z
              .object({ azureADName: z.string().optional(), azureADId: z.string().optional() })
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
      })
      .strict(),
    device: z
      .object({
        name: z.string().min(1),
        os: z
          .enum(['windows10', 'windows11', 'server2016', 'server2019', 'server2022'])
          .default('windows10'),
        osVersion: z.string().default('10.0.19045.5965'),
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
        runAsSystem: z.boolean().default(true),
      })
      .strict(),
    expect: z
      .object({
        joined: z.boolean().optional(),
        joinType: z.enum(['federated', 'sync', 'none']).optional(),
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
        transcriptIncludes: z.array(z.string()).optional(),
        transcriptExcludes: z.array(z.string()).optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
