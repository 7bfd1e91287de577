/**
 * A scenario either builds hjsim's mock IdP (`idp.profile`, `idp.host`, `idp.signingKey`, …) or
 * names an external one (`idp.external`, docs/decisions/0011). What needs the mock asks for it
 * here, and gets its required fields typed as present.
 */
import { SimError } from '../../core/errors.ts';
import type { Scenario } from '../language/schema.ts';

export type ExternalIdp = NonNullable<Scenario['idp']['external']>;

/** The `idp` block of a scenario that builds the mock IdP. */
export type MockIdp = Scenario['idp'] & {
  readonly profile: 'pingone' | 'adfs';
  readonly host: string;
  readonly signingKey: string;
  readonly external?: undefined;
};

export function externalIdpOf(s: Scenario): ExternalIdp | undefined {
  return s.idp.external;
}

export function isMockIdp(idp: Scenario['idp']): idp is MockIdp {
  return (
    idp.external === undefined &&
    idp.profile !== undefined &&
    idp.host !== undefined &&
    idp.signingKey !== undefined
  );
}

/** The mock IdP's settings, or an input error naming what needed them (`use`). */
export function mockIdpOf(s: Scenario, use: string): MockIdp {
  if (isMockIdp(s.idp)) return s.idp;
  throw new SimError(
    'ERR_SCENARIO_INVALID',
    `${use} needs hjsim's mock IdP, and this scenario tests an external IdP (idp.external)`,
    {
      where: 'idp.external',
      hint: 'use a scenario with idp.profile, idp.host and idp.signingKey, or run this one with hjsim run / hjsim conform',
    },
  );
}
