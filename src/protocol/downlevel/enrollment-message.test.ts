import { describe, expect, it } from 'vitest';
import { isSimError } from '../../core/errors.ts';
import { buildSoapFault } from '../wstrust/soap-fault.ts';
import {
  buildEnrollmentRequest,
  buildEnrollmentResponse,
  parseEnrollmentRequest,
  readEnrollmentCertificate,
} from './enrollment-message.ts';

const request = {
  to: 'https://enterpriseregistration.windows.net/EnrollmentServer/DeviceEnrollmentWebService.svc',
  messageId: 'urn:uuid:0d5a1441-5891-453b-becf-a2e5f6ea3749',
  accessToken: 'eyJ0eXAiOiJKV1QifQ.e30.sig',
  csrDer: Buffer.from([0x30, 0x82, 0x01, 0x02, 0xff]),
  context: { DeviceType: 'Windows', DeviceDisplayName: 'WIN7-01 & <co>', OSVersion: '6.1.7601' },
};

function refusal(xml: string): string {
  try {
    parseEnrollmentRequest(xml);
  } catch (e) {
    if (isSimError(e)) return `${e.code}: ${e.message}`;
    throw e;
  }
  throw new Error('accepted');
}

describe('enrollment request', () => {
  it('round-trips token, PKCS#10, context and message id', () => {
    const parsed = parseEnrollmentRequest(buildEnrollmentRequest(request));
    expect(parsed).toEqual({
      messageId: request.messageId,
      accessToken: request.accessToken,
      csrDer: request.csrDer,
      context: request.context,
    });
  });

  it('reads a request without a token as having none', () => {
    const xml = buildEnrollmentRequest(request).replace(
      /<wsse:Security[\s\S]*<\/wsse:Security>/,
      '',
    );
    expect(parseEnrollmentRequest(xml).accessToken).toBeUndefined();
  });

  it.each([
    ['not XML', 'hello', /ERR_XML_MALFORMED/],
    ['a DTD', '<!DOCTYPE x><x/>', /ERR_XML_DTD/],
    ['not SOAP', '<a/>', /not a SOAP 1.2 envelope/],
    [
      'another TokenType',
      buildEnrollmentRequest(request).replace(
        'Enrollment/DeviceEnrollmentToken',
        'Enrollment/Other',
      ),
      /does not ask for the TokenType/,
    ],
    [
      'no PKCS#10',
      buildEnrollmentRequest(request).replace('enrollment#PKCS10', 'enrollment#Other'),
      /no PKCS#10 BinarySecurityToken/,
    ],
    [
      'a PKCS#10 that is not base64',
      buildEnrollmentRequest(request).replace(request.csrDer.toString('base64'), '!!!'),
      /not base64/,
    ],
  ])('refuses %s', (_name, xml, why) => {
    expect(refusal(xml)).toMatch(why);
  });
});

describe('enrollment response', () => {
  it('hands back the certificate', () => {
    const der = Buffer.from('certificate bytes');
    expect(
      readEnrollmentCertificate(buildEnrollmentResponse({ certificateDer: der, relatesTo: 'x' })),
    ).toEqual(der);
  });

  it('has no certificate in a fault or in something that is not XML', () => {
    const fault = buildSoapFault({
      code: 'Sender',
      subcode: {
        namespace: 'http://docs.oasis-open.org/ws-sx/ws-trust/200512',
        value: 'DeviceCapReached',
      },
      reason: 'quota',
    });
    expect(readEnrollmentCertificate(fault)).toBeUndefined();
    expect(readEnrollmentCertificate('<html>503</html')).toBeUndefined();
  });
});
