/**
 * A SAML 1.1 assertion must carry the ImmutableID as its Subject NameIdentifier.
 * @see ../shared/research/protocol.md §3b (90020), §2 (NameIdentifier = ImmutableID)
 */
import type { TokenCheck } from './token-state.ts';

export const checkImmutableId: TokenCheck = (s) =>
  s.assertion?.nameIdentifier?.value ? undefined : { code: 90020 };
