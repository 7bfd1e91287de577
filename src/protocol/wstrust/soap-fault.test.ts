import { describe, expect, it } from 'vitest';
import { isSimError } from '../../core/errors.ts';
import { WSTRUST } from './constants.ts';
import { buildSoapFault, parseSoapFault } from './soap-fault.ts';

const TRUST13 = WSTRUST['1.3'].ns;

describe('buildSoapFault → parseSoapFault', () => {
  it('writes the AD FS fault shape', () => {
    const xml = buildSoapFault({
      code: 'Sender',
      subcode: { namespace: TRUST13, value: 'a:FailedAuthentication' },
      reason: 'ID3242: The security token could not be authenticated or authorized.',
    });
    expect(xml).toContain(
      '<a:Action s:mustUnderstand="1">http://www.w3.org/2005/08/addressing/soap/fault</a:Action>',
    );
    expect(xml).toContain(
      `<s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value xmlns:a="${TRUST13}">a:FailedAuthentication</s:Value></s:Subcode></s:Code>`,
    );
    expect(xml).toContain('<s:Text xml:lang="en-US">ID3242:');
  });

  it('round-trips code, subcode and reason', () => {
    const xml = buildSoapFault({
      code: 'Receiver',
      subcode: { namespace: TRUST13, value: 'RequestFailed' },
      reason: 'MSIS3127: The specified request failed. <&>',
      lang: 'fr-FR',
      action: 'urn:example:fault',
    });
    expect(parseSoapFault(xml)).toEqual({
      code: 's:Receiver',
      subcode: 'a:RequestFailed',
      reason: 'MSIS3127: The specified request failed. <&>',
    });
    expect(xml).toContain('xml:lang="fr-FR"');
    expect(xml).toContain('>urn:example:fault</a:Action>');
  });

  it('never redeclares the envelope prefix for the subcode', () => {
    const xml = buildSoapFault({
      code: 'Sender',
      subcode: { namespace: TRUST13, value: 's:BadRequest' },
      reason: 'x',
    });
    expect(xml).not.toContain('xmlns:s="http://docs.oasis-open.org');
    expect(parseSoapFault(xml)?.subcode).toBe('a:BadRequest');
  });

  it('omits the subcode when none is given', () => {
    const xml = buildSoapFault({ code: 'Receiver', reason: 'down' });
    expect(xml).not.toContain('Subcode');
    expect(parseSoapFault(xml)).toEqual({ code: 's:Receiver', reason: 'down' });
  });
});

describe('parseSoapFault', () => {
  it('reads a hand-written fault with other prefixes', () => {
    const xml =
      '<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><e:Fault>' +
      '<e:Code><e:Value>e:Sender</e:Value><e:Subcode><e:Value xmlns:t="http://schemas.xmlsoap.org/ws/2005/02/trust">t:InvalidRequest</e:Value></e:Subcode></e:Code>' +
      '<e:Reason><e:Text xml:lang="en-US">\n  ID3082: The request scope is not valid or is unsupported.\n</e:Text></e:Reason>' +
      '</e:Fault></e:Body></e:Envelope>';
    expect(parseSoapFault(xml)).toEqual({
      code: 'e:Sender',
      subcode: 't:InvalidRequest',
      reason: 'ID3082: The request scope is not valid or is unsupported.',
    });
  });

  it('returns undefined for a SOAP envelope without a fault', () => {
    expect(
      parseSoapFault(
        '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body/></s:Envelope>',
      ),
    ).toBeUndefined();
  });

  it('returns undefined for a SOAP 1.1 fault (AD FS speaks 1.2)', () => {
    const xml =
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Client</faultcode></s:Fault></s:Body></s:Envelope>';
    expect(parseSoapFault(xml)).toBeUndefined();
  });

  it('throws ERR_XML_MALFORMED when the body is not XML', () => {
    let error: unknown;
    try {
      parseSoapFault('Service Unavailable');
    } catch (e) {
      error = e;
    }
    expect(isSimError(error, 'ERR_XML_MALFORMED')).toBe(true);
  });
});
