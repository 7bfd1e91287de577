/**
 * The signed SAML 1.1 assertion the IdP issues for a domain user (down-level sign-in): NameIdentifier
 * and ImmutableID = base64 of the user's objectGUID (the sync anchor), the UPN, and the
 * authentication methods (`authnmethodsreferences`).
 * @see ../shared/research/protocol.md §2 (claim types; ImmutableID = base64 objectGUID), §1.6
 *   (AD FS token shape), §4 (authentication methods for WIAORMULTIAUTHN)
 */
import { ENTRA_AUDIENCE } from '../../core/defaults.ts';
import {
  AUTHN_METHOD_WINDOWS,
  CLAIM,
  NAMEID_UNSPECIFIED,
} from '../../protocol/claims/claim-types.ts';
import { uuidAsBase64Guid } from '../../protocol/encoding/guid.ts';
import { buildAssertion } from '../../protocol/saml11/build-assertion.ts';
import { signAssertion } from '../../protocol/saml11/sign-assertion.ts';
import type { DirectoryUser, IdpConfig } from '../idp-config.ts';
import type { IssuedAssertion } from '../sts/issue-assertion.ts';

export function issueUserAssertion(
  cfg: IdpConfig,
  user: DirectoryUser,
  methods: readonly string[],
): IssuedAssertion {
  const now = cfg.clock.now();
  const notBefore = new Date(now.getTime() + cfg.validity.notBeforeOffsetSeconds * 1000);
  const notOnOrAfter = new Date(notBefore.getTime() + cfg.validity.lifetimeSeconds * 1000);
  const immutableId = uuidAsBase64Guid(user.objectGuid);
  const unsigned = buildAssertion({
    assertionId: `_${cfg.ids.uuid()}`,
    issuer: cfg.issuer,
    issueInstant: now,
    notBefore,
    notOnOrAfter,
    audiences: [cfg.audience || ENTRA_AUDIENCE],
    nameIdentifier: { value: immutableId, format: NAMEID_UNSPECIFIED },
    attributes: [
      { ...CLAIM.UPN, values: [user.upn] },
      { ...CLAIM.ImmutableID, values: [immutableId] },
      { ...CLAIM.authnmethodsreferences, values: methods },
    ],
    authenticationMethod: AUTHN_METHOD_WINDOWS,
    authenticationInstant: now,
  });
  return {
    xml: signAssertion(unsigned, cfg.signingKey, cfg.signingCertificatePem),
    created: notBefore,
    expires: notOnOrAfter,
  };
}
