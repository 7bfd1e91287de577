/**
 * A Windows 10 machine for the dsreg unit tests: joined to imokatdi.ping-eng.com, DC in sight,
 * running as SYSTEM, SCP on the verified domain. Tests override what they exercise.
 */
import { manualClock } from '../../src/core/clock.ts';
import { seededIds } from '../../src/core/ids.ts';
import { deviceKey } from '../../src/core/keys.ts';
import type { MachineEnvironment } from '../../src/onprem/machine.ts';

export function testMachine(over: Partial<MachineEnvironment> = {}): MachineEnvironment {
  return {
    os: 'windows10',
    osVersion: '10.0.19045.5965',
    computerName: 'IMOK-HYJD',
    domain: {
      name: 'imokatdi.ping-eng.com',
      forest: 'imokatdi.ping-eng.com',
      netbiosName: 'IMOKATDI',
    },
    domainController: { name: 'IMOK-DC02' },
    runningAsSystem: true,
    scp: {
      keywords: [
        'azureADName:imokatdi.ping-eng.com',
        'azureADId:07ec9af2-7ce5-4ab7-8638-115736bbf990',
      ],
    },
    registry: {},
    computer: {
      objectGuid: '3f0817b9-ca17-4714-ab81-f7b5943dec7b',
      objectSid: 'S-1-5-21-1004336348-1177238915-682003330-1105',
      userCertificate: undefined,
    },
    keys: { deviceKey: deviceKey(0), transportKey: deviceKey(1) },
    negotiate: () => '',
    clock: manualClock(new Date('2025-07-10T17:22:13Z')),
    ids: seededIds('test-machine'),
    ...over,
  };
}
