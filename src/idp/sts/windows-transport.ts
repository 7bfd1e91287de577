/**
 * The STS endpoint: a WS-Trust RST authenticated with Windows integrated auth (Negotiate) gets an
 * RSTR with a signed assertion; anything else gets a SOAP 1.2 fault (HTTP 500, as AD FS answers).
 * @see ../shared/research/protocol.md §1.5 (RST shapes; AD FS returns 5xx for faults), §1.6
 * @see AzureAD/azure-activedirectory-library-for-python#240 (ID3082 for an unknown AppliesTo)
 * modeled: ID3242 "could not be authenticated or authorized" (AD FS's wording) for every Windows
 * authentication failure, PingOne included.
 */
import { xmlResponse, type PartyRequest, type PartyResponse } from '../../core/http.ts';
import { isSimError } from '../../core/errors.ts';
import { decodeNegotiateToken } from '../../protocol/kerberos/negotiate-token.ts';
import { parseRst } from '../../protocol/wstrust/rst.ts';
import { buildRstr } from '../../protocol/wstrust/rstr.ts';
import { buildSoapFault } from '../../protocol/wstrust/soap-fault.ts';
import type { IdpConfig } from '../idp-config.ts';
import { issueAssertion } from './issue-assertion.ts';

const TRUST13_NS = 'http://docs.oasis-open.org/ws-sx/ws-trust/200512';

function fault(subcode: string, reason: string): PartyResponse {
  return xmlResponse(
    500,
    buildSoapFault({ code: 'Sender', subcode: { namespace: TRUST13_NS, value: subcode }, reason }),
  );
}

export const FAULT_FAILED_AUTHENTICATION =
  'ID3242: The security token could not be authenticated or authorized.';
export const FAULT_BAD_SCOPE = 'ID3082: The request scope is not valid or is unsupported.';

export function handleWindowsTransport(cfg: IdpConfig, req: PartyRequest): PartyResponse {
  let rst;
  try {
    rst = parseRst(req.body);
  } catch (e) {
    const why = isSimError(e) ? e.message : 'the request is not a WS-Trust RequestSecurityToken';
    return fault('InvalidRequest', `ID3035: The request was not valid or is malformed. ${why}`);
  }
  const negotiate = /^Negotiate\s+(\S+)$/i.exec(req.headers['authorization'] ?? '');
  if (!negotiate) {
    return {
      status: 401,
      headers: { 'www-authenticate': 'Negotiate', 'content-type': 'text/plain' },
      body: 'Unauthorized: Windows integrated authentication required',
    };
  }
  const ticket = decodeNegotiateToken(negotiate[1]!);
  if (!ticket || ticket.spn.toLowerCase() !== `http/${cfg.host}`.toLowerCase()) {
    return fault('FailedAuthentication', FAULT_FAILED_AUTHENTICATION);
  }
  if (ticket.encryptionType === 'rc4-hmac' && !cfg.kerberos.acceptRc4) {
    // The service account has no AES keys: the KDC issued an RC4 ticket the gateway cannot decrypt.
    return fault('FailedAuthentication', FAULT_FAILED_AUTHENTICATION);
  }
  if (!rst.appliesTo || !cfg.relyingParties.includes(rst.appliesTo)) {
    return fault('InvalidRequest', FAULT_BAD_SCOPE);
  }
  const computer = cfg.directory.find((c) => c.objectSid === ticket.sid);
  if (!computer) return fault('FailedAuthentication', FAULT_FAILED_AUTHENTICATION);
  const issued = issueAssertion(cfg, computer);
  return xmlResponse(
    200,
    buildRstr({
      version: rst.version,
      assertionXml: issued.xml,
      tokenType: cfg.tokenType,
      created: issued.created,
      expires: issued.expires,
      appliesTo: rst.appliesTo,
    }),
  );
}
