/**
 * Reads a MEX document the way ADAL and MSAL do and picks the WS-Trust endpoints a client can use:
 * Windows integrated (policy with http:NegotiateAuthentication) and username/password, each from
 * a binding with the SOAP-over-HTTP transport and a 1.3 or 2005 Issue soapAction, on a port with
 * an https address; WS-Trust 1.3 preferred. ADAL's MEX warnings are recorded on the way.
 * @see [HJM] [MSALPY] [ADALN] [DSRT] [WINRT] (MSAL Python mex.py; ADAL node mex.js and PR #70; HRESULTs from [WINRT])
 */
import { parseXml } from '../xml/parse-xml.ts';
import { WSA_NS, WSP_NS, WSTRUST, WSU_NS, type WsTrustVersion } from '../wstrust/constants.ts';
import { childNamed, childPath, childrenNamed, is, trimmedText, type Ns } from '../wstrust/dom.ts';
import {
  HTTP_POLICY_NS,
  SOAP12_WSDL_NS,
  SOAP_HTTP_TRANSPORT,
  SP2005_NS,
  SP_NS,
  WSDL_NS,
} from './namespaces.ts';
import { HR } from '../hresult/catalog.ts';

export interface MexWarning {
  /** An ADAL warning HRESULT, e.g. '0x8aa90024'. */
  hresult: string;
  detail: string;
}

export interface MexEndpointChoice {
  address: string;
  version: WsTrustVersion;
}

export interface MexSelection {
  /** The windowstransport endpoint; undefined is what the client reports as 0xcaa90022. */
  integrated?: MexEndpointChoice;
  /** The usernamemixed endpoint; undefined is what the client reports as 0xcaa90023. */
  usernamePassword?: MexEndpointChoice;
  /** Every usable endpoint of each kind, in document order (what the picks were made from). */
  offered: { integrated: MexEndpointChoice[]; usernamePassword: MexEndpointChoice[] };
  warnings: MexWarning[];
}

/** ADAL's MEX warnings (WARNING_ADAL_MEX_*), as listed in src/protocol/hresult/catalog.ts. */
export const MEX_WARNING = {
  noAddress: HR.WARNING_ADAL_MEX_NO_ADDRESS,
  addressInsecure: HR.WARNING_ADAL_MEX_ADDRESS_INSECURE,
  noBindingInPort: HR.WARNING_ADAL_MEX_NO_BINDING_IN_PORT,
  noSoapTransport: HR.WARNING_ADAL_MEX_NO_SOAP_TRANSPORT,
  noSoapAction: HR.WARNING_ADAL_MEX_NO_SOAP_ACTION,
  noNameInBinding: HR.WARNING_ADAL_MEX_NO_NAME_IN_BINDING,
  noUriInPolicyReference: HR.WARNING_ADAL_MEX_NO_URI_IN_POLICY_REFERENCE,
} as const;

type Kind = 'integrated' | 'usernamePassword';

const ANY_SP: Ns = [SP_NS, SP2005_NS];

/** Attribute value or undefined (xmldom answers '' for a missing attribute). */
function attr(el: Element, name: string): string | undefined {
  return el.getAttributeNode(name)?.value;
}

/** The policy alternatives (`wsp:ExactlyOne/wsp:All`) of a top-level `wsp:Policy`. */
function alternatives(policy: Element): Element[] {
  return childrenNamed(policy, WSP_NS, 'ExactlyOne').flatMap((one) =>
    childrenNamed(one, WSP_NS, 'All'),
  );
}

function hasUsernameToken(all: Element): boolean {
  // WS-SecurityPolicy 1.2 (WS-Trust 1.3 endpoints) and the 2005/07 draft spell it differently.
  const token = (sp: string, wrapper: string) =>
    childPath(all, [
      [sp, wrapper],
      [WSP_NS, 'Policy'],
      [sp, 'UsernameToken'],
      [WSP_NS, 'Policy'],
      [sp, 'WssUsernameToken10'],
    ]) !== undefined;
  return (
    token(SP_NS, 'SignedEncryptedSupportingTokens') || token(SP2005_NS, 'SignedSupportingTokens')
  );
}

/** `#id` → the kinds of endpoint the policy describes. */
function classifyPolicies(definitions: Element): Map<string, Set<Kind>> {
  const out = new Map<string, Set<Kind>>();
  for (const policy of childrenNamed(definitions, WSP_NS, 'Policy')) {
    const id = policy.getAttributeNodeNS(WSU_NS, 'Id')?.value;
    if (id === undefined || id === '') continue;
    const kinds = new Set<Kind>();
    for (const all of alternatives(policy)) {
      // Both SecurityPolicy versions are accepted: AD FS publishes its 1.3 windowstransport
      // policy with the 2005 TransportBinding (MSAL's fixture); ADAL accepts either.
      if (childNamed(all, ANY_SP, 'TransportBinding') === undefined) continue;
      if (childNamed(all, HTTP_POLICY_NS, 'NegotiateAuthentication') !== undefined)
        kinds.add('integrated');
      if (hasUsernameToken(all)) kinds.add('usernamePassword');
    }
    if (kinds.size > 0) out.set(`#${id}`, kinds);
  }
  return out;
}

function versionOfAction(action: string): WsTrustVersion | undefined {
  if (action === WSTRUST['1.3'].rstIssueAction) return '1.3';
  if (action === WSTRUST['2005'].rstIssueAction) return '2005';
  return undefined;
}

interface UsableBinding {
  kinds: Set<Kind>;
  version: WsTrustVersion;
}

function usableBindings(
  definitions: Element,
  policies: Map<string, Set<Kind>>,
  warn: (hresult: string, detail: string) => void,
): Map<string, UsableBinding> {
  const out = new Map<string, UsableBinding>();
  childrenNamed(definitions, WSDL_NS, 'binding').forEach((binding, index) => {
    const name = attr(binding, 'name');
    const label =
      name === undefined || name === '' ? `wsdl:binding #${index + 1}` : `binding '${name}'`;
    if (name === undefined || name === '') {
      warn(MEX_WARNING.noNameInBinding, `${label} has no name; ports cannot refer to it`);
    }
    const kinds = new Set<Kind>();
    for (const reference of childrenNamed(binding, WSP_NS, 'PolicyReference')) {
      const uri = attr(reference, 'URI');
      if (uri === undefined || uri === '') {
        warn(MEX_WARNING.noUriInPolicyReference, `${label} has a wsp:PolicyReference without URI`);
        continue;
      }
      for (const kind of policies.get(uri) ?? []) kinds.add(kind);
    }
    // Transport and action only matter (and are only reported) for bindings of a wanted policy.
    if (kinds.size === 0 || name === undefined || name === '') return;

    const soapBinding = childNamed(binding, SOAP12_WSDL_NS, 'binding');
    const transport = soapBinding && attr(soapBinding, 'transport');
    if (transport === undefined || transport === '') {
      warn(MEX_WARNING.noSoapTransport, `${label} has no soap12:binding transport`);
      return;
    }
    if (transport !== SOAP_HTTP_TRANSPORT) return;

    const actions = childrenNamed(binding, WSDL_NS, 'operation')
      .flatMap((op) => childrenNamed(op, SOAP12_WSDL_NS, 'operation'))
      .map((op) => attr(op, 'soapAction'))
      .filter((a): a is string => a !== undefined && a !== '');
    if (actions.length === 0) {
      warn(MEX_WARNING.noSoapAction, `${label} has no soap12:operation soapAction`);
      return;
    }
    const version = actions.map(versionOfAction).find((v) => v !== undefined);
    if (version === undefined) return;
    out.set(name, { kinds, version });
  });
  return out;
}

/** Selections already made, by document text: a suite fetches the same few MEX documents. */
const selections = new Map<string, Readonly<MexSelection>>();
const SELECTIONS_KEPT = 64;
const LONGEST_KEPT = 256 * 1024;

/**
 * Parses a MEX document and selects its endpoints. Throws SimError ERR_XML_DTD or
 * ERR_XML_MALFORMED when the text is not XML (an HTML error page, say); every other problem is
 * data: an endpoint left undefined, and the warnings that explain why. A pure function of the
 * text, so a selection is made once per document and handed out frozen.
 */
export function parseMex(xml: string): Readonly<MexSelection> {
  let selection = selections.get(xml);
  if (!selection) {
    selection = deepFreeze(selectEndpoints(xml));
    if (xml.length <= LONGEST_KEPT) {
      if (selections.size >= SELECTIONS_KEPT) selections.clear();
      selections.set(xml, selection);
    }
  }
  return selection;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function selectEndpoints(xml: string): MexSelection {
  const root = parseXml(xml, 'the MEX document').documentElement!;
  const warnings: MexWarning[] = [];
  const warn = (hresult: string, detail: string) => warnings.push({ hresult, detail });
  if (!is(root, WSDL_NS, 'definitions')) {
    return { offered: { integrated: [], usernamePassword: [] }, warnings };
  }

  const policies = classifyPolicies(root);
  const bindings = usableBindings(root, policies, warn);

  const found: Record<Kind, MexEndpointChoice[]> = { integrated: [], usernamePassword: [] };
  for (const service of childrenNamed(root, WSDL_NS, 'service')) {
    for (const port of childrenNamed(service, WSDL_NS, 'port')) {
      const portName = attr(port, 'name') ?? '(unnamed)';
      const ref = attr(port, 'binding');
      if (ref === undefined || ref === '') {
        warn(MEX_WARNING.noBindingInPort, `port '${portName}' has no binding`);
        continue;
      }
      const binding = bindings.get(ref.slice(ref.indexOf(':') + 1));
      if (binding === undefined) continue;
      const address = trimmedText(
        childPath(port, [
          [WSA_NS, 'EndpointReference'],
          [WSA_NS, 'Address'],
        ]),
      );
      if (address === undefined) {
        warn(
          MEX_WARNING.noAddress,
          `port '${portName}' has no wsa10:EndpointReference/wsa10:Address`,
        );
        continue;
      }
      if (!address.toLowerCase().startsWith('https://')) {
        warn(
          MEX_WARNING.addressInsecure,
          `port '${portName}' address ${address} is not https; skipped`,
        );
        continue;
      }
      for (const kind of binding.kinds) found[kind].push({ address, version: binding.version });
    }
  }

  // "Historically, we prefer ACTION_13" (MSAL); ADAL: "if both … exist, then choose wstrust13".
  const pick = (list: MexEndpointChoice[]) => list.find((e) => e.version === '1.3') ?? list[0];
  const selection: MexSelection = { offered: found, warnings };
  const integrated = pick(found.integrated);
  const usernamePassword = pick(found.usernamePassword);
  if (integrated !== undefined) selection.integrated = integrated;
  if (usernamePassword !== undefined) selection.usernamePassword = usernamePassword;
  return selection;
}
