/**
 * The SOAP 1.2 faults the mock STS answers a failed RST with (HTTP 500, as AD FS answers even
 * client errors), each with its subcode, reason text and provenance.
 * @see [DSRT] [MSALPY] [ADALN] (AD FS 5xx faults; DSRegTool looks for
 *   FailedAuthentication; MSAL reads s:Reason/s:Text and s:Subcode/s:Value);
 *   AzureAD/azure-activedirectory-library-for-python#240 (ID3082)
 */
import { xmlResponse, type PartyResponse } from '../../core/http.ts';
import type { Provenance } from '../../core/provenance.ts';
import { WSA_NS, WSSE_NS, WSTRUST, type WsTrustVersion } from '../../protocol/wstrust/constants.ts';
import { buildSoapFault } from '../../protocol/wstrust/soap-fault.ts';

export interface StsFault {
  readonly code: 'Sender' | 'Receiver';
  /** `trust`: the WS-Trust namespace of the request's version. */
  readonly subcodeNamespace: 'trust' | 'addressing' | 'security';
  readonly subcode: string;
  readonly reason: string;
  readonly provenance: Provenance;
}

export const STS_FAULT = {
  failedAuthentication: {
    code: 'Sender',
    subcodeNamespace: 'trust',
    subcode: 'FailedAuthentication',
    reason: 'ID3242: The security token could not be authenticated or authorized.',
    provenance: {
      modeled:
        'AD FS wording for a refused Kerberos ticket or password; DSRegTool checks for FailedAuthentication (DSRT, MSALPY, ADALN)',
    },
  },
  /**
   * AD FS's issuance authorization or access control policy refused the authenticated caller.
   * [MSIS7068CAP] (IDCRL log: `a:FailedAuthentication` in the WS-Trust 2005 namespace, Reason
   * `MSIS7068: Access denied.`)
   */
  accessDenied: {
    code: 'Sender',
    subcodeNamespace: 'trust',
    subcode: 'FailedAuthentication',
    reason: 'MSIS7068: Access denied.',
    provenance: {
      source:
        'MSIS7068CAP (the SOAP fault AD FS returned: FailedAuthentication, "MSIS7068: Access denied.")',
    },
  },
  badScope: {
    code: 'Sender',
    subcodeNamespace: 'trust',
    subcode: 'InvalidRequest',
    reason: 'ID3082: The request scope is not valid or is unsupported.',
    provenance: { source: 'AzureAD/azure-activedirectory-library-for-python#240' },
  },
  malformed: {
    code: 'Sender',
    subcodeNamespace: 'trust',
    subcode: 'InvalidRequest',
    reason: 'ID3035: The request was not valid or is malformed.',
    provenance: { modeled: 'WIF ID3035 wording for an RST the STS cannot read' },
  },
  noSecurityHeader: {
    code: 'Sender',
    subcodeNamespace: 'security',
    subcode: 'InvalidSecurity',
    reason: 'An error occurred when verifying security for the message.',
    provenance: {
      modeled: 'WCF answer to a usernamemixed message without a wsse:Security UsernameToken',
    },
  },
} as const satisfies Record<string, StsFault>;

const NAMESPACE = (version: WsTrustVersion) => ({
  trust: WSTRUST[version].ns,
  addressing: WSA_NS,
  security: WSSE_NS,
});

export function faultResponse(
  fault: StsFault,
  version: WsTrustVersion,
  detail?: string,
): PartyResponse {
  return xmlResponse(
    500,
    buildSoapFault({
      code: fault.code,
      subcode: {
        namespace: NAMESPACE(version)[fault.subcodeNamespace],
        value: `a:${fault.subcode}`,
      },
      reason: detail === undefined ? fault.reason : `${fault.reason} ${detail}`,
    }),
  );
}

/**
 * WCF's ContractFilter mismatch: an RST whose wsa:Action this endpoint does not serve (a WS-Trust
 * 2005 RST sent to a 1.3 endpoint, or the other way round).
 * modeled: the WCF dispatcher's public fault text, as AD FS (a WCF service) returns it.
 */
export function actionNotSupported(action: string, version: WsTrustVersion): PartyResponse {
  return faultResponse(
    {
      code: 'Sender',
      subcodeNamespace: 'addressing',
      subcode: 'ActionNotSupported',
      reason:
        `The message with Action '${action}' cannot be processed at the receiver, due to a ` +
        'ContractFilter mismatch at the EndpointDispatcher. This may be because of either a ' +
        'contract mismatch (mismatched Actions between sender and receiver) or a ' +
        'binding/security mismatch between the sender and the receiver.  Check that sender and ' +
        'receiver have the same contract and the same binding (including security ' +
        'requirements, e.g. Message, Transport, None).',
      provenance: { modeled: 'WCF ContractFilter mismatch fault' },
    },
    version,
  );
}
