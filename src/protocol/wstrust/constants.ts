/**
 * WS-Trust 1.3 and 2005 (February 2005) namespaces, actions and URIs, plus the SOAP 1.2,
 * WS-Addressing and WS-Security names their envelopes use.
 * @see http://docs.oasis-open.org/ws-sx/ws-trust/200512 (WS-Trust 1.3), [DSRT] [MSALPY] [ADALN] [ROAD] [AADI]
 */

import { NS } from '../xml/namespaces.ts';

export type WsTrustVersion = '1.3' | '2005';

export const SOAP12_NS = NS.soap12;
/** WS-Addressing 1.0 (2005/08): the `a:`/`wsa:` of AD FS envelopes. */
export const WSA_NS = NS.wsa;
/** The pre-standard addressing namespace some WS-Trust 2005 clients still send. */
export const WSA_2004_NS = 'http://schemas.xmlsoap.org/ws/2004/08/addressing';
export const WSA_ANONYMOUS = 'http://www.w3.org/2005/08/addressing/anonymous';
/** `a:Action` of a SOAP fault (AD FS answers faults with it). */
export const WSA_FAULT_ACTION = 'http://www.w3.org/2005/08/addressing/soap/fault';
export const WSSE_NS = NS.wsse;
export const WSU_NS = NS.wsu;
export const WSSE_PASSWORD_TEXT =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText';
/** WS-Policy 2004/09: `wsp:AppliesTo` and the MEX policies. */
export const WSP_NS = NS.wsp;

export const WSTRUST13_NS = NS.wst13;
export const WSTRUST2005_NS = NS.wst2005;

export interface WsTrustUris {
  readonly ns: string;
  /** `wsa:Action` (and SOAPAction header, MEX `soapAction`) of the RST. */
  readonly rstIssueAction: string;
  /** `wsa:Action` of the response. */
  readonly rstrIssueAction: string;
  readonly requestTypeIssue: string;
  /** The KeyType a bearer-token client asks for. */
  readonly keyTypeBearer: string;
}

export const WSTRUST: Readonly<Record<WsTrustVersion, WsTrustUris>> = {
  '1.3': {
    ns: WSTRUST13_NS,
    rstIssueAction: 'http://docs.oasis-open.org/ws-sx/ws-trust/200512/RST/Issue',
    rstrIssueAction: 'http://docs.oasis-open.org/ws-sx/ws-trust/200512/RSTRC/IssueFinal',
    requestTypeIssue: 'http://docs.oasis-open.org/ws-sx/ws-trust/200512/Issue',
    keyTypeBearer: 'http://docs.oasis-open.org/ws-sx/ws-trust/200512/Bearer',
  },
  '2005': {
    ns: WSTRUST2005_NS,
    rstIssueAction: 'http://schemas.xmlsoap.org/ws/2005/02/trust/RST/Issue',
    rstrIssueAction: 'http://schemas.xmlsoap.org/ws/2005/02/trust/RSTR/Issue',
    requestTypeIssue: 'http://schemas.xmlsoap.org/ws/2005/02/trust/Issue',
    keyTypeBearer: 'http://schemas.xmlsoap.org/ws/2005/05/identity/NoProofKey',
  },
};

export const RST_ISSUE_ACTION_13 = WSTRUST['1.3'].rstIssueAction;
export const RST_ISSUE_ACTION_2005 = WSTRUST['2005'].rstIssueAction;

/** RSTR `TokenType` spellings: AD FS uses the assertion namespaces, PingFederate the profile URIs. */
export const TOKEN_TYPE = {
  saml11: NS.saml11,
  saml11Profile: 'http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV1.1',
  saml2: NS.saml2,
  saml2Profile: 'http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV2.0',
} as const;

/** The WS-Trust version a namespace URI belongs to, if any. */
export function wsTrustVersionOf(ns: string | null | undefined): WsTrustVersion | undefined {
  if (ns === WSTRUST13_NS) return '1.3';
  if (ns === WSTRUST2005_NS) return '2005';
  return undefined;
}
