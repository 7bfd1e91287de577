import { describe, expect, it } from 'vitest';
import { validateJunit } from './junit-schema.ts';

const ok = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites tests="2" failures="1" errors="0">
  <testsuite name="a" tests="2" failures="1" errors="0" time="0.1" timestamp="2025-07-10T17:22:13">
    <testcase name="x" classname="a.x" time="0.050"/>
    <testcase name="y"><failure message="m" type="t">text</failure><system-out>o</system-out></testcase>
  </testsuite>
</testsuites>`;

describe('the JUnit validator (it must be able to fail)', () => {
  it('accepts a valid report', () => {
    expect(validateJunit(ok)).toEqual([]);
  });
  it.each([
    ['a missing required attribute', ok.replace('<testsuite name="a" ', '<testsuite ')],
    ['an unknown attribute', ok.replace('<testcase name="x"', '<testcase name="x" colour="red"')],
    ['an unknown element', ok.replace('<system-out>o</system-out>', '<stdout>o</stdout>')],
    [
      'children out of order',
      ok.replace(
        '<failure message="m" type="t">text</failure><system-out>o</system-out>',
        '<system-out>o</system-out><failure message="m" type="t">text</failure>',
      ),
    ],
    [
      'counts that disagree',
      ok.replace(
        'tests="2" failures="1" errors="0" time',
        'tests="3" failures="1" errors="0" time',
      ),
    ],
    ['a time that is not a number', ok.replace('time="0.050"', 'time="50ms"')],
    ['broken XML', ok.replace('</testsuites>', '')],
    ['another root', '<report/>'],
  ])('rejects %s', (_label, xml) => {
    expect(validateJunit(xml)).not.toEqual([]);
  });
});
