/**
 * Decodes one recorded HTTP exchange for the trainer: the SAML bearer grant with its assertion and
 * each claim checked, AADSTS error JSON, SOAP faults, the MEX document with the endpoint the client
 * picks, RST/RSTR envelopes, DRS errors; anything else indented as JSON or XML.
 * Display only: nothing here decides an outcome (the parties did that).
 */
import { aadstsEntry } from '../../protocol/oauth/aadsts.ts';
import { decodeNegotiateToken } from '../../protocol/kerberos/negotiate-token.ts';
import { parseMex } from '../../protocol/mex/select-endpoint.ts';
import { readAssertion } from '../../protocol/saml11/parse-assertion.ts';
import { parseRstr } from '../../protocol/wstrust/rstr.ts';
import { parseSoapFault } from '../../protocol/wstrust/soap-fault.ts';
import { NS } from '../../protocol/xml/namespaces.ts';
import { parseXml } from '../../protocol/xml/parse-xml.ts';
import type { Exchange } from '../../transport/dispatch.ts';
import type { AssertionView, DecodedBody, MexView } from './api-types.ts';
import { checkClaims, type DeviceHint } from './check-claims.ts';
import { prettyXml } from './pretty-xml.ts';
import { HR } from '../../protocol/hresult/catalog.ts';

const GRANT_NAMES: Readonly<Record<string, string>> = {
  'urn:ietf:params:oauth:grant-type:saml1_1-bearer': 'saml1_1-bearer',
  'urn:ietf:params:oauth:grant-type:saml2-bearer': 'saml2-bearer',
};

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function looksLikeXml(text: string): boolean {
  return text.trimStart().startsWith('<');
}

/** The assertion's fields and checked claims; undefined when it is not a SAML 1.1 assertion. */
export function viewAssertion(xml: string, device?: DeviceHint): AssertionView | undefined {
  let root: Element;
  try {
    root = parseXml(xml, 'SAML assertion').documentElement!;
  } catch {
    return undefined;
  }
  if (root.namespaceURI !== NS.saml11 || root.localName !== 'Assertion') return undefined;
  try {
    const a = readAssertion(root);
    return {
      issuer: a.issuer,
      audiences: a.audiences,
      ...(a.notBefore === undefined ? {} : { notBefore: a.notBefore }),
      ...(a.notOnOrAfter === undefined ? {} : { notOnOrAfter: a.notOnOrAfter }),
      ...(a.nameIdentifier === undefined ? {} : { nameIdentifier: a.nameIdentifier.value }),
      claims: checkClaims(a.attributes, device),
      xml: prettyXml(xml),
    };
  } catch {
    return undefined;
  }
}

function decodeBase64Assertion(raw: string): string | undefined {
  const b64 = raw.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) return undefined;
  const xml = Buffer.from(b64, 'base64').toString('utf8');
  return looksLikeXml(xml) ? xml : undefined;
}

function contentType(headers: Readonly<Record<string, string>>): string {
  return (headers['content-type'] ?? '').toLowerCase();
}

function decodeForm(body: string, device?: DeviceHint): DecodedBody {
  const params = new URLSearchParams(body);
  const form: [string, string][] = [];
  let assertionXml: string | undefined;
  for (const [k, v] of params) {
    if (k === 'assertion') {
      assertionXml = decodeBase64Assertion(v);
      form.push([
        k,
        `(${v.length} characters of base64${assertionXml ? '; the assertion is shown decoded' : ''})`,
      ]);
    } else form.push([k, v]);
  }
  const grant = params.get('grant_type') ?? '';
  const assertion = assertionXml === undefined ? undefined : viewAssertion(assertionXml, device);
  if (params.has('assertion')) {
    return {
      kind: 'token-request',
      summary: `SAML bearer grant (${GRANT_NAMES[grant] ?? grant})`,
      pretty: assertion?.xml ?? (assertionXml === undefined ? body : prettyXml(assertionXml)),
      form,
      ...(assertion ? { assertion } : {}),
    };
  }
  return { kind: 'form', summary: grant ? `grant ${grant}` : 'form', pretty: body, form };
}

function negotiateLines(headers: Readonly<Record<string, string>>): string[] | undefined {
  const m = /^Negotiate\s+(\S+)/i.exec(headers['authorization'] ?? '');
  if (!m) return undefined;
  const t = decodeNegotiateToken(m[1]!);
  if (!t) return ['Negotiate token (not readable)'];
  return [
    `service principal: ${t.spn}`,
    `client: ${t.client}`,
    `SID: ${t.sid}`,
    `encryption type: ${t.encryptionType}`,
    `group SIDs: ${t.groupSids.join(', ')}`,
  ];
}

function decodeXmlRequest(body: string): DecodedBody {
  const pretty = prettyXml(body);
  const isRst = /RequestSecurityToken\b/.test(body) && !/RequestSecurityTokenResponse/.test(body);
  if (!isRst) return { kind: 'xml', summary: 'XML', pretty };
  const appliesTo =
    /<(?:\w+:)?Address>([^<]+)<\/(?:\w+:)?Address>\s*<\/(?:\w+:)?EndpointReference>/.exec(
      body,
    )?.[1];
  return {
    kind: 'rst',
    summary: `WS-Trust RST Issue${appliesTo ? ` for ${appliesTo}` : ''}`,
    pretty,
  };
}

export function decodeRequest(e: Exchange, device?: DeviceHint): DecodedBody {
  const negotiate = negotiateLines(e.requestHeaders);
  const extra = negotiate ? { negotiate } : {};
  const body = e.requestBody;
  const ct = contentType(e.requestHeaders);
  if (body === '') return { kind: 'empty', summary: '', pretty: '', ...extra };
  if (ct.includes('application/x-www-form-urlencoded'))
    return { ...decodeForm(body, device), ...extra };
  if (looksLikeXml(body)) return { ...decodeXmlRequest(body), ...extra };
  const json = parseJson(body);
  if (json !== undefined) {
    const summary =
      isRecord(json) && isRecord(json['CertificateRequest']) ? 'device join request' : 'JSON';
    return { kind: 'json', summary, pretty: JSON.stringify(json, null, 2), ...extra };
  }
  return { kind: 'text', summary: 'text', pretty: body, ...extra };
}

function mexView(xml: string): MexView | undefined {
  try {
    const sel = parseMex(xml);
    const integrated = sel.integrated
      ? { address: sel.integrated.address, version: sel.integrated.version }
      : undefined;
    const usernamePassword = sel.usernamePassword
      ? { address: sel.usernamePassword.address, version: sel.usernamePassword.version }
      : undefined;
    return {
      ...(integrated ? { integrated } : {}),
      ...(usernamePassword ? { usernamePassword } : {}),
      warnings: sel.warnings.map((w) => `${w.hresult}: ${w.detail}`),
      verdict: integrated
        ? `The client sends its Kerberos ticket to the Windows-integrated endpoint ${integrated.address} (WS-Trust ${integrated.version}).`
        : `No usable Windows-integrated (windowstransport) endpoint: the client stops with ${HR.ERROR_ADAL_COULDNOT_DISCOVER_INTEGRATED_AUTH_ENDPOINT}.`,
    };
  } catch {
    return undefined;
  }
}

function decodeXmlResponse(body: string, device?: DeviceHint): DecodedBody {
  const pretty = prettyXml(body);
  let fault;
  try {
    fault = parseSoapFault(body);
  } catch {
    return { kind: 'text', summary: 'not well-formed XML', pretty: body };
  }
  if (fault) {
    return {
      kind: 'soap-fault',
      summary: `SOAP fault${fault.subcode ? ` ${fault.subcode}` : ''}${fault.reason ? `: ${fault.reason}` : ''}`,
      pretty,
      fault,
    };
  }
  if (/<(?:\w+:)?definitions\b/.test(body)) {
    const mex = mexView(body);
    if (mex) {
      return {
        kind: 'mex',
        summary: mex.integrated
          ? `MEX: windowstransport ${mex.integrated.version}`
          : 'MEX: no windowstransport endpoint',
        pretty,
        mex,
      };
    }
  }
  if (/RequestSecurityTokenResponse/.test(body)) {
    try {
      const r = parseRstr(body);
      if (r.kind === 'token') {
        const assertion = viewAssertion(r.assertionXml, device);
        return {
          kind: 'rstr',
          summary: `RSTR with a SAML token${r.tokenType ? ` (${r.tokenType})` : ''}`,
          pretty,
          ...(assertion ? { assertion } : {}),
        };
      }
    } catch {
      // not an RSTR after all: shown as XML
    }
  }
  return { kind: 'xml', summary: 'XML', pretty };
}

function decodeJsonResponse(json: unknown, pretty: string): DecodedBody {
  if (isRecord(json) && Array.isArray(json['error_codes'])) {
    const codes = json['error_codes'].filter((c): c is number => typeof c === 'number');
    const description =
      typeof json['error_description'] === 'string' ? json['error_description'] : '';
    const error = typeof json['error'] === 'string' ? json['error'] : '';
    return {
      kind: 'aadsts',
      summary: `${error} ${codes.map((c) => `AADSTS${c}`).join(' ')}`.trim(),
      pretty,
      aadsts: {
        error,
        codes,
        descriptionLines: description.split(/\r\n|\n/),
        meanings: codes.flatMap((c) => {
          const entry = aadstsEntry(c);
          return entry ? [`AADSTS${c} ${entry.name}: ${entry.doc}`] : [];
        }),
      },
    };
  }
  if (isRecord(json) && typeof json['ErrorType'] === 'string') {
    return {
      kind: 'drs-error',
      summary: `${json['ErrorType']}${typeof json['Message'] === 'string' ? `: ${json['Message']}` : ''}`,
      pretty,
    };
  }
  let summary = 'JSON';
  if (isRecord(json)) {
    if (typeof json['access_token'] === 'string') summary = 'access token';
    else if (typeof json['account_type'] === 'string')
      summary = `realm: ${json['account_type']}${typeof json['federation_protocol'] === 'string' ? ` (${json['federation_protocol']})` : ''}`;
    else if (isRecord(json['Certificate'])) summary = 'device certificate';
    else if (isRecord(json['DeviceJoinService'])) summary = 'DRS discovery document';
  }
  return { kind: 'json', summary, pretty };
}

export function decodeResponse(e: Exchange, device?: DeviceHint): DecodedBody {
  const body = e.responseBody;
  if (body === '') return { kind: 'empty', summary: '', pretty: '' };
  const json = parseJson(body);
  if (json !== undefined) return decodeJsonResponse(json, JSON.stringify(json, null, 2));
  if (looksLikeXml(body)) return decodeXmlResponse(body, device);
  return { kind: 'text', summary: body.split('\n')[0]!.slice(0, 80), pretty: body };
}
