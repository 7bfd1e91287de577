import { describe, expect, it } from 'vitest';
import { prettyXml } from './pretty-xml.ts';

describe('prettyXml', () => {
  it('puts one element per line, short text inline', () => {
    expect(prettyXml('<a x="1"><b>t</b><c/><d><e>u</e></d></a>')).toBe(
      ['<a x="1">', '  <b>t</b>', '  <c/>', '  <d>', '    <e>u</e>', '  </d>', '</a>'].join('\n'),
    );
  });

  it('escapes text and attribute values as it writes them', () => {
    expect(prettyXml('<a q="&quot;&lt;">1 &lt; 2 &amp; 3</a>')).toBe(
      '<a q="&quot;&lt;">1 &lt; 2 &amp; 3</a>',
    );
  });

  it('keeps the XML declaration and namespace prefixes', () => {
    expect(prettyXml('<?xml version="1.0"?><s:E xmlns:s="urn:s"><s:B/></s:E>')).toBe(
      ['<?xml version="1.0"?>', '<s:E xmlns:s="urn:s">', '  <s:B/>', '</s:E>'].join('\n'),
    );
  });

  it('returns text that is not well-formed XML unchanged', () => {
    expect(prettyXml('<html><body>oops')).toBe('<html><body>oops');
    expect(prettyXml('<!DOCTYPE x><x/>')).toBe('<!DOCTYPE x><x/>');
  });
});
