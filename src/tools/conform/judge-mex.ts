/**
 * The MEX as Windows reads it: fetched with GET, parsed with the client's own MEX reader
 * (protocol/mex/select-endpoint.ts: the endpoints ADAL and MSAL would pick, and ADAL's warnings).
 * @see conform-checks.ts (mex.*); [HJM] [MSALPY] [ADALN] [DSRT] [WINRT]
 */
import { isSimError } from '../../core/errors.ts';
import {
  parseMex,
  type MexEndpointChoice,
  type MexSelection,
} from '../../protocol/mex/select-endpoint.ts';
import { WSDL_NS } from '../../protocol/mex/namespaces.ts';
import { parseXml } from '../../protocol/xml/parse-xml.ts';
import type { ConformSettings } from './conform-settings.ts';
import type { IdpResponse } from './idp-http.ts';
import { failed, passed, warning, type Judgement } from './judgement.ts';
import { HR, hresultLabel } from '../../protocol/hresult/catalog.ts';

export interface MexJudgement {
  readonly judgements: Judgement[];
  /** Undefined when the document could not be read (every later check is skipped). */
  readonly selection?: MexSelection;
}

const list = (endpoints: readonly MexEndpointChoice[]) =>
  endpoints.map((e) => `WS-Trust ${e.version} ${e.address}`).join('; ');

function rootOf(xml: string): string {
  try {
    const root = parseXml(xml, 'the MEX document').documentElement;
    return `{${root.namespaceURI ?? ''}}${root.localName}`;
  } catch {
    return '(unreadable)';
  }
}

export function judgeMex(settings: ConformSettings, res: IdpResponse): MexJudgement {
  const expectFetch = 'HTTP 200 to GET, an XML document (wsdl:definitions)';
  if (res.status !== 200) {
    return {
      judgements: [
        failed(
          'mex.fetch',
          expectFetch,
          `HTTP ${res.status} to GET ${settings.mexUrl}${res.status === 405 ? ' (a POST-only WS-MetadataExchange server?)' : ''}`,
          `${hresultLabel(HR.ERROR_ADAL_WS_TRUST_MEX_REQUEST)}, then sync join`,
        ),
      ],
    };
  }
  let selection: MexSelection;
  try {
    selection = parseMex(res.body);
  } catch (e) {
    if (!isSimError(e)) throw e;
    return {
      judgements: [
        failed(
          'mex.fetch',
          expectFetch,
          `HTTP 200, ${res.contentType || 'no content-type'}, not XML: ${e.message} (starts ${JSON.stringify(res.body.slice(0, 40))})`,
          `${hresultLabel(HR.ERROR_ADAL_FAILED_TO_PARSE_XML)}, then sync join`,
        ),
      ],
    };
  }
  const root = rootOf(res.body);
  const judgements: Judgement[] = [
    passed('mex.fetch', expectFetch, `HTTP 200, ${res.contentType || 'no content-type'}, ${root}`),
  ];
  const isWsdl = root === `{${WSDL_NS}}definitions`;

  const integrated = selection.offered.integrated;
  const pickedIwa = selection.integrated;
  const expectIwa =
    'a port whose binding has a NegotiateAuthentication policy, SOAP 1.2 over HTTP, a WS-Trust 1.3 Issue soapAction and an https address';
  if (pickedIwa === undefined) {
    const skippedPorts = selection.warnings.map((w) => `${w.hresult} ${w.detail}`);
    judgements.push(
      failed(
        'mex.windowstransport',
        expectIwa,
        !isWsdl
          ? `the document is ${root}, not wsdl:definitions`
          : `no Windows integrated auth endpoint; usernamemixed: ${list(selection.offered.usernamePassword) || 'none'}${skippedPorts.length ? `; skipped: ${skippedPorts.join('; ')}` : ''}`,
      ),
    );
  } else if (pickedIwa.version !== '1.3') {
    judgements.push(
      warning('mex.windowstransport', expectIwa, `only WS-Trust 2005: ${list(integrated)}`),
    );
  } else {
    judgements.push(passed('mex.windowstransport', expectIwa, list(integrated)));
  }

  const up = selection.usernamePassword;
  const expectUp =
    'a port whose binding has a UsernameToken (WssUsernameToken10) policy over https, WS-Trust 1.3 or 2005';
  if (up !== undefined) {
    judgements.push(
      passed('mex.usernamemixed', expectUp, list(selection.offered.usernamePassword)),
    );
  } else if (settings.auth.kind === 'usernamemixed') {
    judgements.push(
      failed(
        'mex.usernamemixed',
        expectUp,
        'no username/password endpoint: the credentials given cannot be used',
      ),
    );
  } else {
    judgements.push(warning('mex.usernamemixed', expectUp, 'no username/password endpoint'));
  }

  judgements.push(
    selection.warnings.length === 0
      ? passed('mex.warnings', 'no ADAL MEX warning', 'none')
      : warning(
          'mex.warnings',
          'no ADAL MEX warning',
          selection.warnings.map((w) => `${w.hresult} ${w.detail}`).join('; '),
        ),
  );
  return { judgements, selection };
}
