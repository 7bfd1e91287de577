import { describe, expect, it } from 'vitest';
import { cloudSidFromObjectId } from './cloud-sid.ts';

describe('cloudSidFromObjectId', () => {
  it('matches the worked example of the public Convert-AzureAdObjectIdToSid script', () => {
    // Oliver Kieselbach, "Convert Azure AD object ID to SID" (BlockCopy of Guid.ToByteArray into UInt32[4]).
    expect(cloudSidFromObjectId('73d664e4-0886-4a73-b745-c694da45ddb4')).toBe(
      'S-1-12-1-1943430372-1249052806-2496021943-3034400218',
    );
  });

  it('refuses what is not a GUID', () => {
    expect(() => cloudSidFromObjectId('not-a-guid')).toThrow();
  });
});
