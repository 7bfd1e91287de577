/**
 * Routes a test's `fetch` the way a machine with two servers would be routed: Entra's real host
 * names (`login.microsoftonline.com`, `enterpriseregistration.windows.net`) connect to the port of
 * a `hjsim serve --party entra`, every other URL (the IdP's, which name `127.0.0.1:PORT`) connects
 * where it says. TLS is verified against the TEST ONLY CA. Installed as undici's global dispatcher
 * for the length of `fn`: use it only in a test file that does not also route fetch elsewhere.
 */
import { Agent, buildConnector, getGlobalDispatcher, setGlobalDispatcher } from 'undici';
import { DRS_HOST, LOGIN_HOST } from '../../src/protocol/entra-names.ts';
import { CERTS_DIR, readPem } from '../../src/core/keys.ts';

export async function withEntraAt<T>(entraPort: number, fn: () => Promise<T>): Promise<T> {
  const connect = buildConnector({ ca: readPem(`${CERTS_DIR}/tls-ca.crt`) });
  const entraHosts = new Set([LOGIN_HOST, DRS_HOST]);
  const agent = new Agent({
    connect: (opts, callback) =>
      connect(
        entraHosts.has(opts.hostname)
          ? { ...opts, hostname: '127.0.0.1', host: '127.0.0.1', port: String(entraPort) }
          : opts,
        callback,
      ),
  });
  const before = getGlobalDispatcher();
  setGlobalDispatcher(agent);
  try {
    return await fn();
  } finally {
    setGlobalDispatcher(before);
    await agent.close();
  }
}
