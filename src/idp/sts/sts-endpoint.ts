/**
 * A WS-Trust STS endpoint: reads the RST, checks its action against the endpoint's version,
 * authenticates (Windows integrated auth and/or UsernameToken, as the endpoint allows), checks the
 * relying party, and answers an RSTR with the signed assertion, or a SOAP 1.2 fault.
 * @see [DSRT] [MSALPY] [ADALN] (RST shapes; 401 Negotiate challenge; faults), [MSALPY] [ADALN] [ROAD] [AADI]
 */
import { xmlResponse, type PartyRequest, type PartyResponse } from '../../core/http.ts';
import { isSimError } from '../../core/errors.ts';
import { WSTRUST } from '../../protocol/wstrust/constants.ts';
import { parseRst, type ParsedRst } from '../../protocol/wstrust/rst.ts';
import { buildRstr } from '../../protocol/wstrust/rstr.ts';
import type { IdpConfig } from '../idp-config.ts';
import type { StsEndpoint } from '../profiles/idp-profile.ts';
import type { AuthenticationKind } from '../principal.ts';
import {
  authenticatePassword,
  authenticateWindows,
  negotiateToken,
  type Authentication,
} from './authenticate.ts';
import { issueAssertion } from './issue-assertion.ts';
import { actionNotSupported, faultResponse, STS_FAULT } from './sts-faults.ts';

/** The challenge IIS/AD FS answers a windowstransport request without credentials with. */
export const NEGOTIATE_CHALLENGE: PartyResponse = {
  status: 401,
  headers: { 'www-authenticate': 'Negotiate', 'content-type': 'text/plain' },
  body: 'Unauthorized: Windows integrated authentication required',
};

function authenticate(
  cfg: IdpConfig,
  endpoint: StsEndpoint,
  rst: ParsedRst,
  req: PartyRequest,
): { auth: Authentication; how: AuthenticationKind } | PartyResponse {
  if (rst.username && endpoint.auth.includes('username')) {
    return {
      auth: authenticatePassword(cfg, rst.username.username, rst.username.password),
      how: 'password',
    };
  }
  if (endpoint.auth.includes('windows')) {
    const token = negotiateToken(req.headers['authorization']);
    if (token === undefined) return NEGOTIATE_CHALLENGE;
    return { auth: authenticateWindows(cfg, token), how: 'windows' };
  }
  return faultResponse(STS_FAULT.noSecurityHeader, rst.version);
}

export function handleStsRequest(
  cfg: IdpConfig,
  endpoint: StsEndpoint,
  req: PartyRequest,
): PartyResponse {
  let rst: ParsedRst;
  try {
    rst = parseRst(req.body);
  } catch (e) {
    if (!isSimError(e)) throw e;
    // What a Windows client sees is WIF's ID3035 text alone: the parser's own message would name
    // (fingerprint) the XML library, and Windows never shows one.
    return faultResponse(STS_FAULT.malformed, endpoint.version ?? '1.3');
  }
  if (
    rst.action !== WSTRUST[rst.version].rstIssueAction ||
    (endpoint.version !== undefined && endpoint.version !== rst.version)
  ) {
    return actionNotSupported(rst.action, endpoint.version ?? rst.version);
  }
  const result = authenticate(cfg, endpoint, rst, req);
  if ('status' in result) return result;
  if (!result.auth.ok) return faultResponse(STS_FAULT.failedAuthentication, rst.version);
  // Issuance authorization: a policy that does not permit computers refuses them. [MSIS7068CAP]
  if (result.auth.principal.kind === 'computer' && cfg.adfs.computerAccess === 'deny')
    return faultResponse(STS_FAULT.accessDenied, rst.version);
  if (rst.appliesTo === undefined || !cfg.relyingParties.includes(rst.appliesTo)) {
    return faultResponse(STS_FAULT.badScope, rst.version);
  }
  const issued = issueAssertion(cfg, result.auth.principal, result.how, rst.appliesTo);
  return xmlResponse(
    200,
    buildRstr({
      version: rst.version,
      assertionXml: issued.xml,
      tokenType: cfg.tokenType,
      created: issued.created,
      expires: issued.expires,
      appliesTo: rst.appliesTo,
      ...(rst.messageId === undefined ? {} : { relatesTo: rst.messageId }),
    }),
  );
}
