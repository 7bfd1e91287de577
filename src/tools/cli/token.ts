/**
 * `hjsim token --scenario FILE [--version 1.1|2.0]`: the signed assertion the scenario's IdP issues
 * for its device, obtained the way the device obtains it — a WS-Trust 1.3 RST to the IdP's
 * windowstransport endpoint with the device's Kerberos ticket, in-process — and printed as XML
 * or base64 for use with other tools. Exit 0 printed, 1 the IdP refused (its SOAP fault is shown),
 * 2 invalid input.
 */
import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { ENTRA_AUDIENCE } from '../../protocol/entra-names.ts';
import { isSimError } from '../../core/errors.ts';
import { clientFetch } from '../../core/fetch-context.ts';
import { loadScenario } from '../../scenario/language/load-scenario.ts';
import { buildWorld } from '../../scenario/world/build-world.ts';
import { mockIdpOf } from '../../scenario/world/mock-idp.ts';
import { WSTRUST } from '../../protocol/wstrust/constants.ts';
import { buildRst } from '../../protocol/wstrust/rst.ts';
import { parseRstr } from '../../protocol/wstrust/rstr.ts';
import { withInProcessClient } from '../../transport/msw-transport.ts';

interface TokenOptions {
  scenario: string;
  /** Overrides the scenario's `idp.tokenVersion` (default: the scenario's, else 1.1). */
  version?: '1.1' | '2.0';
  encoding: 'xml' | 'base64' | 'base64url';
  out?: string;
}

const EXIT = { ok: 0, refused: 1, invalid: 2 } as const;

/** The assertion, or the reason the IdP gave for not issuing one. */
async function requestToken(
  file: string,
  version: TokenOptions['version'],
): Promise<{ xml: string } | { refused: string }> {
  const loaded = await loadScenario(file);
  const idpSettings = mockIdpOf(loaded.scenario, 'hjsim token');
  const scenario =
    version === undefined
      ? loaded.scenario
      : { ...loaded.scenario, idp: { ...idpSettings, tokenVersion: version } };
  const world = buildWorld(scenario, loaded.dir);
  const idp = world.idp!;
  const endpoints = idp.profile.endpoints(idp);
  const address = `https://${idp.host}${endpoints.stsPathFor({ kind: 'windowstransport', version: '1.3' })}`;
  const rst = buildRst({
    version: '1.3',
    to: address,
    messageId: `urn:uuid:${world.machine.ids.uuid()}`,
    appliesTo: ENTRA_AUDIENCE,
  });
  const { result } = await withInProcessClient(world.parties, async () => {
    const res = await clientFetch()(
      new Request(address, {
        method: 'POST',
        headers: {
          'content-type': `application/soap+xml; charset=utf-8; action="${WSTRUST['1.3'].rstIssueAction}"`,
          authorization: `Negotiate ${world.machine.negotiate(`HTTP/${new URL(address).host}`)}`,
        },
        body: rst,
      }),
    );
    return { status: res.status, body: await res.text() };
  });
  if (result.status === 401) return { refused: `HTTP 401 from ${address}: Windows auth refused` };
  let parsed;
  try {
    parsed = parseRstr(result.body);
  } catch (cause) {
    return { refused: `HTTP ${result.status} from ${address} is not an RSTR: ${String(cause)}` };
  }
  if (parsed.kind === 'fault') {
    return {
      refused:
        `${address} answered a SOAP fault (HTTP ${result.status}): ${parsed.subcode ?? parsed.code ?? ''} ${parsed.reason ?? ''}`.trim(),
    };
  }
  return { xml: parsed.assertionXml };
}

function encode(xml: string, encoding: TokenOptions['encoding']): string {
  if (encoding === 'xml') return xml;
  const b64 = Buffer.from(xml, 'utf8').toString('base64');
  return encoding === 'base64'
    ? b64
    : b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function tokenCommandAction(opts: TokenOptions): Promise<number> {
  const got = await requestToken(opts.scenario, opts.version);
  if ('refused' in got) {
    process.stderr.write(`hjsim: the IdP did not issue a token: ${got.refused}\n`);
    return EXIT.refused;
  }
  const text = `${encode(got.xml, opts.encoding)}\n`;
  if (opts.out) await writeFile(opts.out, text);
  else process.stdout.write(text);
  return EXIT.ok;
}

export function tokenCommand(onExit: (code: number) => void): Command {
  return (
    new Command('token')
      .description("print the signed assertion the scenario's IdP issues for its device")
      // Usage errors reach main() as CommanderError (exit 2), as for `run`.
      .exitOverride()
      .requiredOption('--scenario <file>', 'the scenario file')
      .addOption(
        new Option(
          '--version <version>',
          "SAML version of the assertion (default: the scenario's idp.tokenVersion, else 1.1)",
        ).choices(['1.1', '2.0']),
      )
      .addOption(
        new Option('--encoding <encoding>', 'how to print it')
          .choices(['xml', 'base64', 'base64url'])
          .default('xml'),
      )
      .option('--out <file>', 'write the token to a file instead of stdout')
      .action(async (opts: TokenOptions) => {
        try {
          onExit(await tokenCommandAction(opts));
        } catch (e) {
          if (!isSimError(e)) throw e;
          process.stderr.write(`hjsim: ${e.message}${e.hint ? `\n  hint: ${e.hint}` : ''}\n`);
          onExit(e.code === 'ERR_INTERNAL' ? EXIT.refused : EXIT.invalid);
        }
      })
  );
}
