/**
 * The WS-Trust exchange: the RST the client sends (the envelope builders of protocol/wstrust,
 * AppliesTo urn:federation:MicrosoftOnline) to the endpoint the MEX offers for the run's
 * authentication, and the RSTR read as the client reads it (the assertion kept byte-exact).
 * @see conform-checks.ts (wstrust.*); [DSRT] [MSALPY] [ADALN] [ROAD] [AADI]
 */
import { ENTRA_AUDIENCE } from '../../protocol/entra-names.ts';
import { isSimError } from '../../core/errors.ts';
import type { MexEndpointChoice, MexSelection } from '../../protocol/mex/select-endpoint.ts';
import { TOKEN_TYPE, WSTRUST } from '../../protocol/wstrust/constants.ts';
import { buildRst } from '../../protocol/wstrust/rst.ts';
import { parseRstr } from '../../protocol/wstrust/rstr.ts';
import { NS } from '../../protocol/xml/namespaces.ts';
import { parseXml } from '../../protocol/xml/parse-xml.ts';
import type { ConformSettings } from './conform-settings.ts';
import { describeUnreachable, idpRequest } from './idp-http.ts';
import { failed, passed, skipped, type Judgement } from './judgement.ts';
import { HR, hresultLabel } from '../../protocol/hresult/catalog.ts';
import { AADSTS } from '../../protocol/oauth/aadsts.ts';

/** What the STS issued: the assertion as sent, and the RSTR's label for it. */
export interface IssuedToken {
  readonly assertionXml: string;
  readonly tokenType: string | undefined;
  /** The SAML version of the assertion's root, when it is an assertion. */
  readonly version: '1.1' | '2.0' | undefined;
}

export interface TokenJudgement {
  readonly judgements: Judgement[];
  readonly endpoint?: MexEndpointChoice;
  readonly token?: IssuedToken;
}

/** The endpoint the run's authentication uses: usernamemixed or windowstransport, 1.3 first. */
export function endpointFor(
  settings: ConformSettings,
  selection: MexSelection,
): MexEndpointChoice | undefined {
  return settings.auth.kind === 'usernamemixed' ? selection.usernamePassword : selection.integrated;
}

function versionOf(xml: string): '1.1' | '2.0' | undefined {
  try {
    const root = parseXml(xml, 'the assertion').documentElement;
    if (root.localName !== 'Assertion') return undefined;
    if (root.namespaceURI === NS.saml11) return '1.1';
    if (root.namespaceURI === NS.saml2) return '2.0';
    return undefined;
  } catch {
    return undefined;
  }
}

/** The usernamemixed sign-in itself was refused: the credentials, not the device setup. */
const PASSWORD_REFUSED_FIX: Readonly<Record<string, string>> = {
  'hjsim conform':
    "check --username and the password in --password-env; the account must be one the IdP validates by password (a computer account NAME$ whose password the IdP's directory checks)",
  PingOne:
    'the LDAP gateway must find the account (user type for hybrid joined devices) and accept its password',
  'AD FS':
    'the usernamemixed endpoint must be enabled (Get-AdfsEndpoint) and the account allowed by the issuance authorization rules',
};

const EXPECT_RST = 'HTTP 200 and an RSTR whose RequestedSecurityToken holds a SAML assertion';

export async function requestToken(
  settings: ConformSettings,
  endpoint: MexEndpointChoice,
): Promise<TokenJudgement> {
  const now = settings.clock.now();
  const auth = settings.auth;
  const rst = buildRst({
    version: endpoint.version,
    to: endpoint.address,
    messageId: `urn:uuid:${settings.ids.uuid()}`,
    appliesTo: ENTRA_AUDIENCE,
    ...(auth.kind === 'usernamemixed'
      ? {
          username: {
            username: auth.username,
            password: auth.password,
            created: now,
            expires: new Date(now.getTime() + 10 * 60_000),
          },
        }
      : {}),
  });
  const action = WSTRUST[endpoint.version].rstIssueAction;
  const res = await idpRequest(
    endpoint.address,
    {
      method: 'POST',
      headers: {
        'content-type': `application/soap+xml; charset=utf-8; action="${action}"`,
        ...(auth.kind === 'modeled-kerberos'
          ? {
              authorization: `Negotiate ${auth.negotiate(`HTTP/${new URL(endpoint.address).host}`)}`,
            }
          : {}),
      },
      body: rst,
    },
    settings.ca,
  );
  const sent = `WS-Trust ${endpoint.version} ${auth.kind === 'usernamemixed' ? 'usernamemixed' : 'windowstransport (modeled Kerberos)'} RST to ${endpoint.address}`;
  /** The RST was not answered with a token: what was seen, and what Windows shows then. */
  const rstFailed = (seen: string, windows: string, fix?: Judgement['fix']): TokenJudgement => ({
    endpoint,
    judgements: [
      {
        ...failed('wstrust.rst', EXPECT_RST, `${sent}: ${seen}`, windows),
        ...(fix ? { fix } : {}),
      },
    ],
  });
  if (!res.ok) {
    return rstFailed(
      describeUnreachable(endpoint.address, res).text,
      res.tls
        ? `${hresultLabel(HR.ERROR_ADAL_INTERNET_SECURE_FAILURE)} (untrusted STS certificate), then sync join`
        : `${hresultLabel(HR.ERROR_ADAL_INTERNET_CANNOT_CONNECT)}, then sync join`,
    );
  }
  let rstr;
  try {
    rstr = parseRstr(res.body);
  } catch (e) {
    if (!isSimError(e)) throw e;
    const noAssertion = e.code === 'ERR_XML_SHAPE';
    return rstFailed(
      `HTTP ${res.status}, ${e.message}${res.status === 401 ? ' (401: the credentials were refused)' : ''}`,
      res.status === 401
        ? `${hresultLabel(HR.ERROR_ADAL_WSTRUST_REQUEST_SECURITYTOKEN_FAILED)}, then sync join`
        : noAssertion
          ? `${hresultLabel(HR.ERROR_ADAL_SERVER_ERROR_SAML_ASSERTION_NOT_FOUND)}, then sync join`
          : `${hresultLabel(HR.ERROR_ADAL_FAILED_TO_PARSE_WSTRUST_RESPONSE)}, then sync join`,
    );
  }
  if (rstr.kind === 'fault') {
    const code = [rstr.code, rstr.subcode].filter(Boolean).join('/');
    const refusedPassword =
      auth.kind === 'usernamemixed' && /FailedAuthentication/i.test(rstr.subcode ?? '');
    return rstFailed(
      `HTTP ${res.status}, SOAP fault ${code || '(no code)'}: ${rstr.reason ?? '(no reason)'}`,
      `${hresultLabel(HR.ERROR_ADAL_WSTRUST_REQUEST_SECURITYTOKEN_FAILED)}, then sync join`,
      refusedPassword ? PASSWORD_REFUSED_FIX : undefined,
    );
  }
  const token: IssuedToken = {
    assertionXml: rstr.assertionXml,
    tokenType: rstr.tokenType,
    version: versionOf(rstr.assertionXml),
  };
  return {
    endpoint,
    token,
    judgements: [
      passed(
        'wstrust.rst',
        EXPECT_RST,
        `${sent}: HTTP ${res.status}, WS-Trust ${rstr.version} RSTR with a ${token.version ? `SAML ${token.version} ` : ''}assertion`,
      ),
      judgeTokenType(token),
    ],
  };
}

/**
 * modeled (MSAL.NET #1871): Windows maps exactly `urn:oasis:names:tc:SAML:1.0:assertion` to
 * saml1_1-bearer and anything else to saml2-bearer (client/dsreg/acquire-token.ts).
 */
export function judgeTokenType(token: IssuedToken): Judgement {
  const label = token.tokenType ?? '(no TokenType)';
  const windowsGrant = token.tokenType === TOKEN_TYPE.saml11 ? 'saml1_1-bearer' : 'saml2-bearer';
  if (token.version === '1.1') {
    return windowsGrant === 'saml1_1-bearer'
      ? passed('wstrust.token-type', TOKEN_TYPE.saml11, label)
      : failed(
          'wstrust.token-type',
          `${TOKEN_TYPE.saml11} for a SAML 1.1 assertion`,
          `${label}: Windows redeems the SAML 1.1 assertion with saml2-bearer`,
          `AADSTS${AADSTS.SamlResponseTypeNotSupported} "A supported type of SAML response was not found.", then sync join`,
        );
  }
  if (token.version === '2.0') {
    return windowsGrant === 'saml2-bearer'
      ? passed('wstrust.token-type', `a SAML 2.0 TokenType for a SAML 2.0 assertion`, label)
      : failed(
          'wstrust.token-type',
          `a SAML 2.0 TokenType (${TOKEN_TYPE.saml2}) for a SAML 2.0 assertion`,
          `${label}: Windows redeems the SAML 2.0 assertion with saml1_1-bearer`,
          `AADSTS${AADSTS.InvalidSamlToken} "Cannot read SecurityToken. Expected element is (Assertion, urn:oasis:names:tc:SAML:1.0:assertion) …", then sync join`,
        );
  }
  return skipped(
    'wstrust.token-type',
    TOKEN_TYPE.saml11,
    `the token is no SAML assertion (TokenType ${label}): see saml.assertion`,
  );
}
