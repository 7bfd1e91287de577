/**
 * The DRS discovery document (`GET /<tenant>/Discover?api-version=1.x`): which endpoints and service
 * versions the join client uses.
 * @see himmelblau-idm/aad-join-spec §3.1 (JSON shape); [DSRT] [HBS] [DVRD] [TSC]
 * @see [PING] (dsregcmd /status of a real hybrid join prints
 *   AuthCodeUrl, AccessTokenUrl, JoinSrv*, KeySrv*, WebAuthNSrv*, DeviceManagementSrv* from this document)
 * @see [DVRD] §2.2.4.2 (DeviceRegistrationService.ServiceVersion "MUST match the version that was
 *   requested"), §3.1.1 (the services a DRS keeps), §4.2–4.3 (XML form, JSON with `\/` escaped
 *   slashes, as .NET's DataContractJsonSerializer writes); [DWIKI] (a captured event 101: dsreg
 *   asks for 1.7 and DiscoveryService.ServiceVersion answers 1.7); [MSALOBJC] (the contract's
 *   IdentityProviderService.PassiveAuthEndpoint is the federation server's `/adfs/ls`)
 */

export interface DiscoveryDocument {
  DiscoveryService: { DiscoveryEndpoint: string; ServiceVersion: string };
  DeviceRegistrationService: {
    RegistrationEndpoint: string;
    RegistrationResourceId: string;
    ServiceVersion: string;
  };
  AuthenticationService: { OAuth2: { AuthCodeEndpoint: string; TokenEndpoint: string } };
  IdentityProviderService: { Federated: boolean; PassiveAuthEndpoint: string };
  DeviceJoinService: { JoinEndpoint: string; JoinResourceId: string; ServiceVersion: string };
  KeyProvisioningService: {
    KeyProvisionEndpoint: string;
    KeyProvisionResourceId: string;
    ServiceVersion: string;
  };
  WebAuthNService: { ServiceVersion: string; WebAuthNEndpoint: string; WebAuthNResourceId: string };
  DeviceManagementService: {
    DeviceManagementEndpoint: string;
    DeviceManagementResourceId: string;
    ServiceVersion: string;
  };
  PrecreateService: {
    PrecreateEndpoint: string;
    PrecreateResourceId: string;
    ServiceVersion: string;
  };
  TenantInfo: { DisplayName: string; TenantId: string; TenantName: string };
  AzureRbacService: { RbacPolicyEndpoint: string };
  DeviceJoinResourceService: { Endpoint: string; ResourceId: string; ServiceVersion: string };
  NonceService: { Endpoint: string; ResourceId: string; ServiceVersion: string };
}

export interface DiscoveryInput {
  readonly tenantId: string;
  /** `TenantInfo.TenantName`: the verified domain the client asked about. */
  readonly tenantName: string;
  readonly displayName: string;
  /** `IdentityProviderService.Federated`: the domain's authentication is federated. */
  readonly federated: boolean;
  /**
   * `IdentityProviderService.PassiveAuthEndpoint`: a federated domain's passive sign-in URL (AD FS
   * `https://<fs>/adfs/ls/`, [MSALOBJC]); undefined: Entra's own `/<tenant>/wsfed` (modeled).
   */
  readonly passiveAuthEndpoint?: string;
  /** The api-version the client asked for; `DiscoveryService.ServiceVersion` echoes it. */
  readonly apiVersion?: string;
  readonly drsHost: string;
  readonly loginHost: string;
}

/**
 * Builds the document. Left out (modeled): `MsaProviderData` and `BPLService`, whose ids
 * (SiteId, BPLProxyServicePrincipalId) the simulated tenant has no value for and no client here reads.
 */
export function buildDiscoveryDocument(input: DiscoveryInput): DiscoveryDocument {
  const reg = `https://${input.drsHost}`;
  const auth = `https://${input.loginHost}/${input.tenantId}`;
  const resourceId = `urn:ms-drs:${input.drsHost}`;
  return {
    // ServiceVersion: the requested api-version ([DWIKI] event 101: asked 1.7, answered 1.7);
    // 1.9 when none is given ([HBS] §3.1).
    DiscoveryService: {
      DiscoveryEndpoint: `${reg}/${input.tenantId}/Discover`,
      ServiceVersion: input.apiVersion ?? '1.9',
    },
    DeviceRegistrationService: {
      RegistrationEndpoint: `${reg}/EnrollmentServer/DeviceEnrollmentWebService.svc`,
      RegistrationResourceId: resourceId,
      ServiceVersion: '1.0',
    },
    // Seed 004: AuthCodeUrl / AccessTokenUrl.
    AuthenticationService: {
      OAuth2: {
        AuthCodeEndpoint: `${auth}/oauth2/authorize`,
        TokenEndpoint: `${auth}/oauth2/token`,
      },
    },
    IdentityProviderService: {
      Federated: input.federated,
      PassiveAuthEndpoint: input.passiveAuthEndpoint ?? `${auth}/wsfed`,
    },
    // Seed 004: JoinSrvUrl, JoinSrvId, JoinSrvVersion 2.0.
    DeviceJoinService: {
      JoinEndpoint: `${reg}/EnrollmentServer/device/`,
      JoinResourceId: resourceId,
      ServiceVersion: '2.0',
    },
    // Seed 004: KeySrvUrl, KeySrvId, KeySrvVersion 1.0.
    KeyProvisioningService: {
      KeyProvisionEndpoint: `${reg}/EnrollmentServer/key/`,
      KeyProvisionResourceId: resourceId,
      ServiceVersion: '1.0',
    },
    // Seed 004: WebAuthNSrvUrl, WebAuthNSrvId, WebAuthNSrvVersion 1.0.
    WebAuthNService: {
      ServiceVersion: '1.0',
      WebAuthNEndpoint: `${reg}/webauthn/${input.tenantId}/`,
      WebAuthNResourceId: resourceId,
    },
    // Seed 004: DeviceManagementSrvUrl, DeviceManagementSrvId, DeviceManagementSrvVer 1.0.
    DeviceManagementService: {
      DeviceManagementEndpoint: `${reg}/manage/${input.tenantId}/`,
      DeviceManagementResourceId: resourceId,
      ServiceVersion: '1.0',
    },
    PrecreateService: {
      PrecreateEndpoint: `${reg}/EnrollmentServer/device/precreate/${input.tenantId}/`,
      PrecreateResourceId: resourceId,
      ServiceVersion: '2.0',
    },
    TenantInfo: {
      DisplayName: input.displayName,
      TenantId: input.tenantId,
      TenantName: input.tenantName,
    },
    AzureRbacService: { RbacPolicyEndpoint: 'https://pas.windows.net' },
    DeviceJoinResourceService: {
      Endpoint: `${reg}/EnrollmentServer/device/resource/${input.tenantId}/`,
      ResourceId: resourceId,
      ServiceVersion: '2.0',
    },
    NonceService: {
      Endpoint: `${reg}/EnrollmentServer/nonce/${input.tenantId}/`,
      ResourceId: resourceId,
      ServiceVersion: '1.0',
    },
  };
}

/**
 * The legacy contract document (`/<domain>/EnrollmentServer/contract?api-version=1.0|1.2`), whose
 * services depend on the version asked for, and whose DeviceRegistrationService.ServiceVersion is
 * that version ([DVRD] §2.2.4.2). 1.0: the registration, authentication and identity provider
 * services (the SOAP-era set of [DVRD] §2.2.4.1–§2.2.4.5); 1.2 adds the REST join and key
 * provisioning services (§2.2.4.6, §2.2.4.11). modeled: `IdentityProviderService.Federated`, which
 * the spec's IdentityProviderService does not name, is kept (the down-level client reads it), and
 * WebBrowserZones (§2.2.4.7) is left out.
 */
export function buildContractDocument(
  input: DiscoveryInput,
  version: '1.0' | '1.2',
): Record<string, unknown> {
  const full = buildDiscoveryDocument(input);
  const base = {
    DeviceRegistrationService: { ...full.DeviceRegistrationService, ServiceVersion: version },
    AuthenticationService: full.AuthenticationService,
    IdentityProviderService: full.IdentityProviderService,
  };
  if (version === '1.0') return base;
  return {
    ...base,
    DeviceJoinService: full.DeviceJoinService,
    KeyProvisioningService: full.KeyProvisioningService,
  };
}

/** JSON as DRS writes it: every `/` escaped as `\/` ([DVRD] §4.3; .NET DataContractJsonSerializer). */
export function discoveryJson(doc: unknown): string {
  return JSON.stringify(doc).replace(/\//g, '\\/');
}

/** The DataContract namespace of the XML form ([DVRD] §4.2). */
export const DISCOVERY_XML_NS =
  'http://schemas.datacontract.org/2004/07/Microsoft.DeviceRegistration.Entities';

function xmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function xmlMembers(o: Record<string, unknown>): string {
  return Object.entries(o)
    .map(([k, v]) =>
      typeof v === 'object' && v !== null
        ? `<${k}>${xmlMembers(v as Record<string, unknown>)}</${k}>`
        : `<${k}>${xmlText(String(v))}</${k}>`,
    )
    .join('');
}

/** The XML form a client gets with `Accept: application/xml`: `<Discovery>` in the DataContract namespace. */
export function discoveryXml(doc: object): string {
  return `<Discovery xmlns="${DISCOVERY_XML_NS}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">${xmlMembers(doc as Record<string, unknown>)}</Discovery>`;
}

/** What the join client needs from discovery; `readDiscoveryDocument` checks exactly these. */
export type ClientDiscovery = Pick<
  DiscoveryDocument,
  | 'AuthenticationService'
  | 'IdentityProviderService'
  | 'DeviceJoinService'
  | 'KeyProvisioningService'
  | 'WebAuthNService'
  | 'DeviceManagementService'
  | 'TenantInfo'
>;

type Shape = { readonly [key: string]: 'string' | 'boolean' | Shape };

const CLIENT_SHAPE: Shape = {
  AuthenticationService: { OAuth2: { AuthCodeEndpoint: 'string', TokenEndpoint: 'string' } },
  IdentityProviderService: { Federated: 'boolean', PassiveAuthEndpoint: 'string' },
  DeviceJoinService: { JoinEndpoint: 'string', JoinResourceId: 'string', ServiceVersion: 'string' },
  KeyProvisioningService: {
    KeyProvisionEndpoint: 'string',
    KeyProvisionResourceId: 'string',
    ServiceVersion: 'string',
  },
  WebAuthNService: {
    ServiceVersion: 'string',
    WebAuthNEndpoint: 'string',
    WebAuthNResourceId: 'string',
  },
  DeviceManagementService: {
    DeviceManagementEndpoint: 'string',
    DeviceManagementResourceId: 'string',
    ServiceVersion: 'string',
  },
  TenantInfo: { DisplayName: 'string', TenantId: 'string', TenantName: 'string' },
};

/** Copies only the fields the shape names, so the result holds nothing unchecked. */
function pick(
  value: unknown,
  shape: Shape,
  path: string,
): { ok: true; value: unknown } | { ok: false; problem: string } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, problem: `${path || 'the document'} is not a JSON object` };
  }
  const out: Record<string, unknown> = {};
  for (const [key, want] of Object.entries(shape)) {
    const v = (value as Record<string, unknown>)[key];
    const at = path ? `${path}.${key}` : key;
    if (typeof want === 'string') {
      if (typeof v !== want) return { ok: false, problem: `${at} is not a ${want}` };
      out[key] = v;
    } else {
      const r = pick(v, want, at);
      if (!r.ok) return r;
      out[key] = r.value;
    }
  }
  return { ok: true, value: out };
}

/**
 * Reads a parsed discovery response the way a join client must before using it (a proxy's HTML
 * page or a truncated document fails here: [DSRT] [HBS] [DVRD] [TSC] `E_INVALIDDATA`).
 */
export function readDiscoveryDocument(
  body: unknown,
): { ok: true; value: ClientDiscovery } | { ok: false; problem: string } {
  const r = pick(body, CLIENT_SHAPE, '');
  return r.ok ? { ok: true, value: r.value as ClientDiscovery } : r;
}
