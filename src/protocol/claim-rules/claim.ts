/**
 * A claim as the AD FS claims engine sees it: type, value, issuer, original issuer, value type and
 * properties. Claims issued by a rule carry the issuer `LOCAL AUTHORITY`; claims read from the
 * Active Directory attribute store carry `AD AUTHORITY`.
 * @see [ADFSCRL] "Claim's property access": Type, Value, Issuer, OriginalIssuer, ValueType, Properties[…]
 * @see [HJM] the hybrid join rules match `Issuer =~ "^(AD AUTHORITY|SELF AUTHORITY|LOCAL AUTHORITY)$"`
 */

export interface Claim {
  readonly type: string;
  readonly value: string;
  readonly issuer: string;
  readonly originalIssuer: string;
  readonly valueType: string;
  readonly properties: Readonly<Record<string, string>>;
}

/** The issuer of claims a rule creates (modeled: what AD FS writes when a rule names none). */
export const LOCAL_AUTHORITY = 'LOCAL AUTHORITY';
/** The issuer of Windows authentication's and the AD attribute store's claims. */
export const AD_AUTHORITY = 'AD AUTHORITY';
/** The issuer of request-context claims such as `insidecorporatenetwork` [AADIBLOG]. */
export const CLIENT_CONTEXT = 'CLIENT CONTEXT';
export const XS_STRING = 'http://www.w3.org/2001/XMLSchema#string';

/** A claim with defaults for what the caller leaves out. */
export function makeClaim(
  type: string,
  value: string,
  more: Partial<Omit<Claim, 'type' | 'value'>> = {},
): Claim {
  const issuer = more.issuer ?? LOCAL_AUTHORITY;
  return {
    type,
    value,
    issuer,
    originalIssuer: more.originalIssuer ?? issuer,
    valueType: more.valueType ?? XS_STRING,
    properties: more.properties ?? {},
  };
}
