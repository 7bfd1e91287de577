/**
 * The IdP profiles a scenario can name (`idp.profile`).
 */
import { adfsProfile } from './adfs.ts';
import type { IdpProfile } from './idp-profile.ts';
import { pingoneProfile } from './pingone.ts';

export const PROFILES: Readonly<Record<IdpProfile['name'], IdpProfile>> = {
  adfs: adfsProfile,
  pingone: pingoneProfile,
};
