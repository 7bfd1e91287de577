/**
 * The DRS join request bodies: federated (`POST /EnrollmentServer/device/`, bearer token) and sync
 * (`PUT /EnrollmentServer/device/<deviceId>`, no bearer, signed ClientIdentity). Builders for the
 * client, readers for DRS that return a fresh object holding only the fields they checked.
 * @see [HBS] [ROAD] [AADI] [DVRJ] [TSC] [DSR] [WIKI] [HIW]; ROADtools `roadlib/deviceauth.py` `register_device` /
 *   `register_hybrid_device`; AADInternals PRT_Utils.ps1; himmelblau-idm/aad-join-spec §2.1.1.1.1
 */
import type { KeyObject } from 'node:crypto';
import { CLIENT_IDENTITY_TYPE, clientIdentitySid, signClientIdentity } from './client-identity.ts';
import { bcryptRsaPublicBlob, parseBcryptRsaPublicBlob } from './transport-key.ts';

export interface FederatedJoinRequest {
  CertificateRequest: { Type: 'pkcs10'; Data: string };
  TransportKey: string;
  TargetDomain: string;
  DeviceType: string;
  OSVersion: string;
  DeviceDisplayName: string;
  JoinType: number;
  attributes: Record<string, string>;
}

export interface SyncJoinRequest {
  CertificateRequest: { Type: 'pkcs10'; Data: string };
  ServerAdJoinData: {
    TransportKey: string;
    TargetDomain: string;
    DeviceType: string;
    OSVersion: string;
    DeviceDisplayName: string;
    TargetDomainId: string;
    ClientIdentity: { Type: 'sha256signed'; Sid: string; SignedBlob: string };
  };
  JoinType: number;
  attributes: Record<string, string>;
}

/** JoinType of a hybrid join. [HBS] JoinType table; [MS-DVRJ] ("MUST be set to 6"). */
export const HYBRID_JOIN_TYPE = 6;
/** The subject CN Windows-compatible clients put in the CSR; DRS replaces it with the device id. [HBS]; ROADtools */
export const CSR_SUBJECT_CN = '7E980AD9-B86D-4306-9425-9AC066FB014A';
/** `DeviceType` Windows sends. ROADtools register_device (`Dsreg/10.0` user agent with DeviceType "Windows"). */
export const WINDOWS_DEVICE_TYPE = 'Windows';

/** ROADtools / AADInternals send both as the strings "true". */
function windowsAttributes(): Record<string, string> {
  return { ReuseDevice: 'true', ReturnClientSid: 'true' };
}

export function buildFederatedJoinRequest(i: {
  csrDer: Buffer;
  transportKey: KeyObject;
  targetDomain: string;
  osVersion: string;
  displayName: string;
}): FederatedJoinRequest {
  return {
    CertificateRequest: { Type: 'pkcs10', Data: i.csrDer.toString('base64') },
    TransportKey: bcryptRsaPublicBlob(i.transportKey).toString('base64'),
    TargetDomain: i.targetDomain,
    DeviceType: WINDOWS_DEVICE_TYPE,
    OSVersion: i.osVersion,
    DeviceDisplayName: i.displayName,
    JoinType: HYBRID_JOIN_TYPE,
    attributes: windowsAttributes(),
  };
}

export function buildSyncJoinRequest(i: {
  csrDer: Buffer;
  transportKey: KeyObject;
  targetDomain: string;
  targetDomainId: string;
  osVersion: string;
  displayName: string;
  sid: string;
  signedAt: Date;
  userCertificateKey: KeyObject;
}): SyncJoinRequest {
  const sid = clientIdentitySid(i.sid, i.signedAt);
  return {
    CertificateRequest: { Type: 'pkcs10', Data: i.csrDer.toString('base64') },
    ServerAdJoinData: {
      TransportKey: bcryptRsaPublicBlob(i.transportKey).toString('base64'),
      TargetDomain: i.targetDomain,
      DeviceType: WINDOWS_DEVICE_TYPE,
      OSVersion: i.osVersion,
      DeviceDisplayName: i.displayName,
      TargetDomainId: i.targetDomainId,
      ClientIdentity: {
        Type: CLIENT_IDENTITY_TYPE,
        Sid: sid,
        SignedBlob: signClientIdentity(sid, i.userCertificateKey),
      },
    },
    JoinType: HYBRID_JOIN_TYPE,
    attributes: windowsAttributes(),
  };
}

type Read<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Thrown only inside this module to leave a reader early; never escapes it. */
class Problem {
  constructor(readonly text: string) {}
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function object(v: unknown, at: string): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v))
    throw new Problem(`${at} must be a JSON object`);
  return v as Record<string, unknown>;
}

function text(o: Record<string, unknown>, key: string, at: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v.trim() === '')
    throw new Problem(`${at}${key} must be a non-empty string`);
  return v;
}

function base64(o: Record<string, unknown>, key: string, at: string): string {
  const v = text(o, key, at);
  if (v.length % 4 !== 0 || !BASE64.test(v)) throw new Problem(`${at}${key} must be base64`);
  return v;
}

function certificateRequest(o: Record<string, unknown>): { Type: 'pkcs10'; Data: string } {
  const cr = object(o['CertificateRequest'], 'CertificateRequest');
  if (cr['Type'] !== 'pkcs10') throw new Problem("CertificateRequest.Type must be 'pkcs10'");
  return { Type: 'pkcs10', Data: base64(cr, 'Data', 'CertificateRequest.') };
}

function transportKey(o: Record<string, unknown>, at: string): string {
  const v = base64(o, 'TransportKey', at);
  if (!parseBcryptRsaPublicBlob(Buffer.from(v, 'base64'))) {
    throw new Problem(`${at}TransportKey must be a public BCRYPT_RSAKEY_BLOB`);
  }
  return v;
}

function joinType(o: Record<string, unknown>): number {
  const v = o['JoinType'];
  if (typeof v !== 'number' || !Number.isInteger(v))
    throw new Problem('JoinType must be an integer');
  return v;
}

/** `attributes` (Windows) or `Attributes` ([HBS]); optional; values are strings or booleans. */
function attributes(o: Record<string, unknown>): Record<string, string> {
  const v = o['attributes'] ?? o['Attributes'];
  if (v === undefined) return {};
  const a = object(v, 'attributes');
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(a)) {
    if (typeof val !== 'string' && typeof val !== 'boolean') {
      throw new Problem(`attributes.${k} must be a string or a boolean`);
    }
    out[k] = String(val);
  }
  return out;
}

function read<T>(f: () => T): Read<T> {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    if (e instanceof Problem) return { ok: false, problem: e.text };
    throw e;
  }
}

export function readFederatedJoinRequest(body: unknown): Read<FederatedJoinRequest> {
  return read(() => {
    const o = object(body, 'the request body');
    return {
      CertificateRequest: certificateRequest(o),
      TransportKey: transportKey(o, ''),
      TargetDomain: text(o, 'TargetDomain', ''),
      DeviceType: text(o, 'DeviceType', ''),
      OSVersion: text(o, 'OSVersion', ''),
      DeviceDisplayName: text(o, 'DeviceDisplayName', ''),
      JoinType: joinType(o),
      attributes: attributes(o),
    };
  });
}

export function readSyncJoinRequest(body: unknown): Read<SyncJoinRequest> {
  return read(() => {
    const o = object(body, 'the request body');
    const sd = object(o['ServerAdJoinData'], 'ServerAdJoinData');
    const at = 'ServerAdJoinData.';
    const ci = object(sd['ClientIdentity'], `${at}ClientIdentity`);
    if (ci['Type'] !== CLIENT_IDENTITY_TYPE) {
      throw new Problem(`${at}ClientIdentity.Type must be '${CLIENT_IDENTITY_TYPE}'`);
    }
    return {
      CertificateRequest: certificateRequest(o),
      ServerAdJoinData: {
        TransportKey: transportKey(sd, at),
        TargetDomain: text(sd, 'TargetDomain', at),
        DeviceType: text(sd, 'DeviceType', at),
        OSVersion: text(sd, 'OSVersion', at),
        DeviceDisplayName: text(sd, 'DeviceDisplayName', at),
        TargetDomainId: text(sd, 'TargetDomainId', at),
        ClientIdentity: {
          Type: CLIENT_IDENTITY_TYPE,
          Sid: text(ci, 'Sid', `${at}ClientIdentity.`),
          SignedBlob: base64(ci, 'SignedBlob', `${at}ClientIdentity.`),
        },
      },
      JoinType: joinType(o),
      attributes: attributes(o),
    };
  });
}
