/**
 * The resource the token is for must be one mock Entra knows (DRS, Microsoft Graph).
 * @see reference-error-codes (AADSTS500011 InvalidResourceServicePrincipalNotFound); resources.ts
 */
import { findResource } from './resources.ts';
import type { TokenCheck } from './token-state.ts';
import { AADSTS } from '../../protocol/oauth/aadsts.ts';

export const checkResource: TokenCheck = (s) => {
  const resource = s.resource ?? '';
  if (findResource(resource)) return undefined;
  return {
    code: AADSTS.InvalidResourceServicePrincipalNotFound,
    params: { resource, tenant: s.ctx.tenant.id },
  };
};
