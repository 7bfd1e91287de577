/**
 * The form must be urlencoded and carry grant_type, assertion, client_id and a resource/scope.
 * @see ../shared/research/protocol.md §1.7 (form body), §3b (900144)
 */
import { GRANT_SAML11, GRANT_SAML2 } from '../../core/defaults.ts';
import type { TokenCheck } from './token-state.ts';

export const checkRequestShape: TokenCheck = (s) => {
  if (!s.contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return {
      code: 900144,
      params: { name: 'grant_type' },
      detail: `content-type '${s.contentType}' is not a form`,
    };
  }
  for (const name of ['grant_type', 'client_id']) {
    if (!s.form.get(name)) return { code: 900144, params: { name } };
  }
  const grant = s.form.get('grant_type');
  if (grant === GRANT_SAML11) s.grantType = 'saml1_1-bearer';
  else if (grant === GRANT_SAML2) s.grantType = 'saml2-bearer';
  else return { code: 70003, params: { grantType: grant ?? '' } };
  if (!s.form.get('assertion')) return { code: 900144, params: { name: 'assertion' } };
  if (!s.form.get('resource') && !s.form.get('scope'))
    return { code: 900144, params: { name: 'resource' } };
  return undefined;
};
