/**
 * The fixed names of Microsoft's side of the flow: hosts, resource ids, client ids.
 * @see [DSRT] [HBS] [DVRD] [TSC] [WIKI] [AADI] [ROAD] [MSALPY]
 */
export const LOGIN_HOST = 'login.microsoftonline.com';
export const DRS_HOST = 'enterpriseregistration.windows.net';
export const GRAPH_HOST = 'graph.microsoft.com';
/** RST AppliesTo and SAML Audience for Entra as relying party. [HJM] */
export const ENTRA_AUDIENCE = 'urn:federation:MicrosoftOnline';
/** Resource the device token is for. [ROAD], [AADI] */
export const DRS_RESOURCE = `urn:ms-drs:${DRS_HOST}`;
/** Windows' DRS client id (modeled: from the WAM DRS trace in the CSS wiki; [WIKI] [AADI] [ROAD] [MSALPY] INFERRED). */
export const DSREG_CLIENT_ID = 'dd762716-544d-4aeb-a526-687b73838a22';
export const GRANT_SAML11 = 'urn:ietf:params:oauth:grant-type:saml1_1-bearer';
export const GRANT_SAML2 = 'urn:ietf:params:oauth:grant-type:saml2-bearer';
/** Allowed difference between the IdP's clock and Entra's, for NotBefore/NotOnOrAfter (modeled: 5 min, the common relying-party default). */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;
