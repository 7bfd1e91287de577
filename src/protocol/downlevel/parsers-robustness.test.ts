/**
 * The down-level parsers on hostile input: seeded mutations of valid messages (bytes flipped,
 * cut, markup spliced in) — each parser either reads something or throws a SimError, never
 * anything else. Deterministic: the mutations come from a seeded id source.
 */
import { describe, expect, it } from 'vitest';
import { isSimError } from '../../core/errors.ts';
import { seededIds } from '../../core/ids.ts';
import {
  acrOf,
  readAuthorizeRedirect,
  resourceParams,
  WORKPLACE_JOIN_REDIRECT_URI,
} from './authorize-request.ts';
import { buildAutoPostForm } from '../wsfed/auto-post-form.ts';
import { readSelfPostingForm } from './self-posting-form.ts';
import {
  buildEnrollmentRequest,
  buildEnrollmentResponse,
  parseEnrollmentRequest,
  readEnrollmentCertificate,
} from './enrollment-message.ts';

const SPLICES = [
  '<',
  '>',
  '&',
  '"',
  "'",
  '<!DOCTYPE x>',
  ']]>',
  '\u0000',
  '\uFFFF',
  '</s:Body>',
  '=',
  '#',
];

function mutations(seed: string, valid: string, count: number): string[] {
  const ids = seededIds(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const at = ids.int(valid.length + 1);
    switch (ids.int(3)) {
      case 0:
        out.push(valid.slice(0, at));
        break;
      case 1: {
        const c = String.fromCharCode(ids.int(0x80));
        out.push(valid.slice(0, at) + c + valid.slice(at + 1));
        break;
      }
      default:
        out.push(valid.slice(0, at) + SPLICES[ids.int(SPLICES.length)]! + valid.slice(at));
    }
  }
  return out;
}

function onlySimErrors(read: (s: string) => unknown, inputs: readonly string[]): void {
  for (const input of inputs) {
    try {
      read(input);
    } catch (e) {
      if (!isSimError(e))
        throw new Error(`non-SimError on ${JSON.stringify(input.slice(0, 80))}`, { cause: e });
    }
  }
}

describe('down-level parsers never throw anything but SimError', () => {
  it('parseEnrollmentRequest', () => {
    const valid = buildEnrollmentRequest({
      to: 'https://enterpriseregistration.windows.net/EnrollmentServer/DeviceEnrollmentWebService.svc',
      messageId: 'urn:uuid:1',
      accessToken: 'eyJ.e30.sig',
      csrDer: Buffer.from('csr'),
      context: { DeviceDisplayName: 'PC' },
    });
    onlySimErrors(parseEnrollmentRequest, mutations('enroll', valid, 400));
  });

  it('readEnrollmentCertificate never throws', () => {
    const valid = buildEnrollmentResponse({ certificateDer: Buffer.from('cert'), relatesTo: 'x' });
    for (const m of mutations('enroll-response', valid, 300))
      expect(() => readEnrollmentCertificate(m)).not.toThrow();
  });

  it('readSelfPostingForm never throws', () => {
    const valid = buildAutoPostForm({
      action: 'https://x/login.srf',
      fields: [
        ['wa', 'wsignin1.0'],
        ['wresult', '<a/>'],
      ],
    });
    for (const m of mutations('form', valid, 400))
      expect(() => readSelfPostingForm(m)).not.toThrow();
  });

  it('readAuthorizeRedirect and acrOf never throw', () => {
    const valid = `${WORKPLACE_JOIN_REDIRECT_URI}#access_token=a.b.c&token_type=Bearer&expires_in=3600`;
    for (const m of mutations('redirect', valid, 300))
      expect(() => readAuthorizeRedirect(m)).not.toThrow();
    for (const m of mutations('acr', resourceParams('wiaormultiauthn'), 300))
      expect(() => acrOf(m)).not.toThrow();
  });
});
