import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deviceKey } from '../../core/keys.ts';
import { buildCsr, parseCsr } from '../x509/build-certificate.ts';
import { parseClientIdentitySid, verifyClientIdentity } from './client-identity.ts';
import {
  buildFederatedJoinRequest,
  buildSyncJoinRequest,
  CSR_SUBJECT_CN,
  readFederatedJoinRequest,
  readSyncJoinRequest,
} from './join-request.ts';
import { parseBcryptRsaPublicBlob } from './transport-key.ts';

const TENANT_ID = '07ec9af2-7ce5-4ab7-8638-115736bbf990';
const SID = 'S-1-5-21-1004336348-1177238915-682003330-1105';
const csrDer = buildCsr({
  subject: [{ name: 'commonName', value: CSR_SUBJECT_CN }],
  publicKey: deviceKey(0),
  privateKey: deviceKey(0),
});

const federated = buildFederatedJoinRequest({
  csrDer,
  transportKey: deviceKey(1),
  targetDomain: 'imokatdi.ping-eng.com',
  osVersion: '10.0.19045.5965',
  displayName: 'IMOK-HYJD',
});

const sync = buildSyncJoinRequest({
  csrDer,
  transportKey: deviceKey(1),
  targetDomain: TENANT_ID,
  targetDomainId: TENANT_ID,
  osVersion: '10.0.19045.5965',
  displayName: 'IMOK-HYJD',
  sid: SID,
  signedAt: new Date('2025-07-09T02:14:21.500Z'),
  userCertificateKey: deviceKey(2),
});

const wire = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('federated join request', () => {
  it('has the Windows shape: pkcs10 CSR, RSA1 transport key, JoinType 6, string attributes', () => {
    expect(federated).toMatchObject({
      CertificateRequest: { Type: 'pkcs10', Data: csrDer.toString('base64') },
      TargetDomain: 'imokatdi.ping-eng.com',
      DeviceType: 'Windows',
      OSVersion: '10.0.19045.5965',
      DeviceDisplayName: 'IMOK-HYJD',
      JoinType: 6,
      attributes: { ReuseDevice: 'true', ReturnClientSid: 'true' },
    });
    expect(Buffer.from(federated.TransportKey, 'base64').subarray(0, 4).toString()).toBe('RSA1');
    const tk = parseBcryptRsaPublicBlob(Buffer.from(federated.TransportKey, 'base64'))!;
    expect(tk.export({ format: 'jwk' }).n).toBe(
      createPublicKey(deviceKey(1)).export({ format: 'jwk' }).n,
    );
    expect(parseCsr(Buffer.from(federated.CertificateRequest.Data, 'base64')).signatureValid).toBe(
      true,
    );
  });

  it('reads back what was built', () => {
    expect(readFederatedJoinRequest(wire(federated))).toEqual({ ok: true, value: federated });
  });

  it('keeps only the fields it checked and takes HBS-style boolean Attributes', () => {
    const r = readFederatedJoinRequest({
      ...wire(federated),
      attributes: undefined,
      Attributes: { ReuseDevice: true, SharedDevice: false },
      Evil: 'x',
    });
    expect(r.ok && r.value.attributes).toEqual({ ReuseDevice: 'true', SharedDevice: 'false' });
    expect(r.ok && 'Evil' in r.value).toBe(false);
  });

  it('takes a request without attributes', () => {
    const body = wire(federated) as unknown as Record<string, unknown>;
    delete body['attributes'];
    const r = readFederatedJoinRequest(body);
    expect(r.ok && r.value.attributes).toEqual({});
  });

  const mutate = (f: (b: Record<string, unknown>) => void) => {
    const b = wire(federated) as unknown as Record<string, unknown>;
    f(b);
    return readFederatedJoinRequest(b);
  };
  it.each<[string, (b: Record<string, unknown>) => void, string]>([
    [
      'no CertificateRequest',
      (b) => delete b['CertificateRequest'],
      'CertificateRequest must be a JSON object',
    ],
    [
      'Type pkcs7',
      (b) => (b['CertificateRequest'] = { Type: 'pkcs7', Data: 'AAAA' }),
      "CertificateRequest.Type must be 'pkcs10'",
    ],
    [
      'Data not base64',
      (b) => (b['CertificateRequest'] = { Type: 'pkcs10', Data: 'not base64!' }),
      'CertificateRequest.Data must be base64',
    ],
    ['no TransportKey', (b) => delete b['TransportKey'], 'TransportKey must be a non-empty string'],
    [
      'TransportKey not a blob',
      (b) => (b['TransportKey'] = Buffer.from('RSA2xxxx').toString('base64')),
      'TransportKey must be a public BCRYPT_RSAKEY_BLOB',
    ],
    [
      'empty DeviceDisplayName',
      (b) => (b['DeviceDisplayName'] = ' '),
      'DeviceDisplayName must be a non-empty string',
    ],
    ['numeric OSVersion', (b) => (b['OSVersion'] = 10), 'OSVersion must be a non-empty string'],
    ['JoinType as a string', (b) => (b['JoinType'] = '6'), 'JoinType must be an integer'],
    ['JoinType 6.5', (b) => (b['JoinType'] = 6.5), 'JoinType must be an integer'],
    ['attributes an array', (b) => (b['attributes'] = ['x']), 'attributes must be a JSON object'],
    [
      'attribute an object',
      (b) => (b['attributes'] = { ReuseDevice: {} }),
      'attributes.ReuseDevice must be a string or a boolean',
    ],
  ])('rejects %s', (_name, f, problem) => {
    expect(mutate(f)).toEqual({ ok: false, problem });
  });

  it('rejects what is not an object', () => {
    expect(readFederatedJoinRequest(null)).toEqual({
      ok: false,
      problem: 'the request body must be a JSON object',
    });
    expect(readFederatedJoinRequest([federated]).ok).toBe(false);
    expect(readFederatedJoinRequest('x').ok).toBe(false);
  });
});

describe('sync join request', () => {
  it('has the ROADtools/AADInternals shape with a signed ClientIdentity', () => {
    const ci = sync.ServerAdJoinData.ClientIdentity;
    expect(ci.Type).toBe('sha256signed');
    expect(ci.Sid).toBe(`${SID}.2025-07-09 02:14:21Z`);
    expect(parseClientIdentitySid(ci.Sid)?.sid).toBe(SID);
    expect(verifyClientIdentity(ci.Sid, ci.SignedBlob, createPublicKey(deviceKey(2)))).toBe(true);
    expect(sync.ServerAdJoinData.TargetDomainId).toBe(TENANT_ID);
    expect(sync.JoinType).toBe(6);
    expect(sync.attributes).toEqual({ ReuseDevice: 'true', ReturnClientSid: 'true' });
  });

  it('reads back what was built, dropping AADInternals-only SourceDomainController', () => {
    const body = wire(sync) as unknown as { ServerAdJoinData: Record<string, unknown> };
    body.ServerAdJoinData['SourceDomainController'] = 'IMOK-DC01.imokatdi.ping-eng.com';
    expect(readSyncJoinRequest(body)).toEqual({ ok: true, value: sync });
  });

  const mutate = (f: (sd: Record<string, unknown>, b: Record<string, unknown>) => void) => {
    const b = wire(sync) as unknown as Record<string, unknown>;
    f(b['ServerAdJoinData'] as Record<string, unknown>, b);
    return readSyncJoinRequest(b);
  };
  it.each<[string, (sd: Record<string, unknown>, b: Record<string, unknown>) => void, string]>([
    [
      'no ServerAdJoinData',
      (_sd, b) => delete b['ServerAdJoinData'],
      'ServerAdJoinData must be a JSON object',
    ],
    [
      'no TargetDomainId',
      (sd) => delete sd['TargetDomainId'],
      'ServerAdJoinData.TargetDomainId must be a non-empty string',
    ],
    [
      'no ClientIdentity',
      (sd) => delete sd['ClientIdentity'],
      'ServerAdJoinData.ClientIdentity must be a JSON object',
    ],
    [
      'ClientIdentity of another Type',
      (sd) => ((sd['ClientIdentity'] as Record<string, unknown>)['Type'] = 'sha1signed'),
      "ServerAdJoinData.ClientIdentity.Type must be 'sha256signed'",
    ],
    [
      'SignedBlob not base64',
      (sd) => ((sd['ClientIdentity'] as Record<string, unknown>)['SignedBlob'] = '%%%'),
      'ServerAdJoinData.ClientIdentity.SignedBlob must be base64',
    ],
    [
      'TransportKey at the top level only',
      (sd, b) => ((b['TransportKey'] = sd['TransportKey']), delete sd['TransportKey']),
      'ServerAdJoinData.TransportKey must be a non-empty string',
    ],
  ])('rejects %s', (_name, f, problem) => {
    expect(mutate(f)).toEqual({ ok: false, problem });
  });
});
