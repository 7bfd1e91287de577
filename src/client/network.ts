/**
 * What stands between the Windows machine and the services: hosts a firewall blocks, and faults a
 * proxy or the network causes on the way to a host (a timeout, a name that does not resolve, a
 * connection cut, TLS the machine cannot validate, an outbound proxy answering with its own sign-in
 * page, or demanding authentication SYSTEM cannot give). The join client's HTTP applies them before
 * a request reaches a party; each phase turns the fault into its own code.
 * @see [TSC] (discover phase: WININET_E_TIMEOUT 0x80072ee2, WININET_E_CANNOT_CONNECT 0x80072efd,
 *   WININET_E_DECODING_FAILED 0x80072f8f "ensure that the network proxy isn't interfering",
 *   E_INVALIDDATA 0x8007000d "the proxy is returning an HTTP 200 with an HTML authorization page",
 *   "the computer account of the device can discover and silently authenticate to the outbound
 *   proxy"; authentication phase: ERROR_ADAL_INTERNET_TIMEOUT 0xcaa82ee2, _CONNECTION_ABORTED
 *   0xcaa82efe, _SECURE_FAILURE 0xcaa82f8f (the TLS certificate could not be validated),
 *   _CANNOT_CONNECT 0xcaa82efd; join phase: 0x80072ee2, WININET_E_NAME_NOT_RESOLVED 0x80072ee7,
 *   WININET_E_CONNECTION_ABORTED 0x80072efe)
 * modeled: the proxy's sign-in page (a bare HTML form) and its 407 answer; that a 407 is what
 *   SYSTEM (WinHTTP, no user credentials) gets while an interactive user's WinINet session
 *   authenticates silently; that a TLS-inspecting proxy and a server certificate the machine does not
 *   trust fail the same way at the client (the chain does not build to a trusted root).
 */

import type { MachineEnvironment, NetworkFault } from '../onprem/machine.ts';
import { HR } from '../protocol/hresult/catalog.ts';

/** The machine's network as its join client's requests meet it. */
export function networkOf(env: MachineEnvironment): Network {
  return {
    ...(env.unreachableHosts ? { unreachable: env.unreachableHosts } : {}),
    ...(env.networkFaults ? { faults: env.networkFaults } : {}),
    asSystem: env.runningAsSystem,
  };
}

/** Why a request got no HTTP answer: what WinINet / ADAL report it as. */
export type SendFailure =
  'cannot-connect' | 'timeout' | 'name-not-resolved' | 'connection-aborted' | 'secure-failure';

export interface Network {
  /** Hosts a proxy or firewall keeps the machine from reaching (no connection). */
  readonly unreachable?: readonly string[];
  /** Per host (lower case): the fault on the way there. */
  readonly faults?: Readonly<Record<string, NetworkFault>>;
  /** The request runs as SYSTEM (WinHTTP): a proxy's 407 is not answered. */
  readonly asSystem?: boolean;
}

/** The proxy's own sign-in page, answered with 200 in place of the service's JSON or XML. */
export const PROXY_SIGN_IN_PAGE =
  '<!DOCTYPE html><html><head><title>Proxy sign-in</title></head><body><form method="post" action="/login"><p>Sign in to continue to the Internet.</p><input name="username"><input name="password" type="password"><button>Sign in</button></form></body></html>';

/** The answer a fault gives instead of the host's, or undefined when the request goes through. */
export function faultAnswer(
  net: Network,
  host: string,
):
  | { readonly failure: SendFailure }
  | { readonly status: number; readonly headers: Record<string, string>; readonly body: string }
  | undefined {
  const h = host.toLowerCase();
  if (net.unreachable?.some((u) => u.toLowerCase() === h)) return { failure: 'cannot-connect' };
  const fault = net.faults?.[h];
  switch (fault) {
    case undefined:
      return undefined;
    case 'timeout':
      return { failure: 'timeout' };
    case 'name-not-resolved':
      return { failure: 'name-not-resolved' };
    case 'connection-aborted':
      return { failure: 'connection-aborted' };
    case 'untrusted-certificate':
    case 'tls-inspection':
      return { failure: 'secure-failure' };
    case 'proxy-sign-in-page':
      return {
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: PROXY_SIGN_IN_PAGE,
      };
    case 'proxy-auth-required':
      return net.asSystem === false
        ? undefined
        : {
            status: 407,
            headers: {
              'proxy-authenticate': 'Negotiate',
              'content-type': 'text/html; charset=utf-8',
            },
            body: '<html><body>407 Proxy Authentication Required</body></html>',
          };
  }
}

/** WinINet's HRESULT for a failed send (dsreg's discovery and join requests). [TSC] */
export const WININET_HR: Readonly<Record<SendFailure, string>> = {
  'cannot-connect': HR.WININET_E_CANNOT_CONNECT,
  timeout: HR.WININET_E_TIMEOUT,
  'name-not-resolved': HR.WININET_E_NAME_NOT_RESOLVED,
  'connection-aborted': HR.WININET_E_CONNECTION_ABORTED,
  'secure-failure': HR.WININET_E_DECODING_FAILED,
};

/**
 * ADAL's HRESULT for a failed send (realm, MEX, WS-Trust, token). [TSC]
 * modeled: name-not-resolved as 0xcaa82ee7, ADAL's 0xcaa8xxxx wrapping of the WinINet code the
 *   documented ones (0xcaa82ee2, 0xcaa82efd, 0xcaa82efe, 0xcaa82f8f) follow.
 */
export const ADAL_NETWORK_HR: Readonly<Record<SendFailure, string>> = {
  'cannot-connect': HR.ERROR_ADAL_INTERNET_CANNOT_CONNECT,
  timeout: HR.ERROR_ADAL_INTERNET_TIMEOUT,
  'name-not-resolved': HR.ERROR_ADAL_INTERNET_NAME_NOT_RESOLVED,
  'connection-aborted': HR.ERROR_ADAL_INTERNET_CONNECTION_ABORTED,
  'secure-failure': HR.ERROR_ADAL_INTERNET_SECURE_FAILURE,
};
