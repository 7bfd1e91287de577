/**
 * The brand of data read only from XML whose signature was verified. Only the verifiers
 * (`saml11/verify-assertion.ts`, `saml2/verify-assertion.ts`) create it.
 * @see STYLE.md "Verifiers return only verified data"
 */
declare const verified: unique symbol;
export type Verified<T> = T & { readonly [verified]: true };
