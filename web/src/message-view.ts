/**
 * The decoded message panel: a SAML assertion with each claim checked (a claim under the wrong
 * namespace is highlighted), AADSTS JSON, SOAP faults, MEX with the endpoint the client picks,
 * the modeled Kerberos ticket; the raw body (indented) under a disclosure.
 */
import type {
  AssertionView,
  ClaimCheck,
  DecodedBody,
  ExchangeView,
  RunView,
  SequenceMessage,
} from '../../src/tools/train/api-types.ts';
import { LANE_TITLES } from '../../src/tools/train/api-types.ts';
import { h, type Child } from './dom.ts';

const STATUS_TEXT: Readonly<Record<ClaimCheck['status'], string>> = {
  ok: '✔ read by Entra',
  'wrong-namespace': '✖ wrong namespace',
  missing: '✖ missing',
  'wrong-value': '✖ wrong value',
  other: '· not read for the join',
};

function dl(rows: readonly (readonly [string, Child])[]): HTMLElement {
  return h(
    'dl',
    { class: 'kv' },
    rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
  );
}

function raw(title: string, text: string, open = false): HTMLElement {
  return h(
    'details',
    { class: 'raw', open },
    h('summary', {}, title),
    h('pre', { class: 'code', tabindex: 0 }, text),
  );
}

function claimsTable(claims: readonly ClaimCheck[]): HTMLElement {
  return h(
    'table',
    { class: 'claims' },
    h('caption', {}, 'Claims, as mock Entra reads them (claim type = namespace + "/" + name)'),
    h(
      'colgroup',
      {},
      h('col', { class: 'col-claim' }),
      h('col', { class: 'col-ns' }),
      h('col', { class: 'col-value' }),
      h('col', { class: 'col-check' }),
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Claim'),
        h('th', { scope: 'col' }, 'Namespace (NameFormat)'),
        h('th', { scope: 'col' }, 'Value'),
        h('th', { scope: 'col' }, 'Check'),
      ),
    ),
    h(
      'tbody',
      {},
      claims.map((c) =>
        h(
          'tr',
          { class: `claim claim-${c.status}`, 'data-claim': c.name, 'data-status': c.status },
          h('th', { scope: 'row' }, c.name),
          h('td', { class: 'ns' }, c.namespace ?? '—'),
          h('td', { class: 'value' }, c.values.join(', ') || '—'),
          h(
            'td',
            {},
            h('strong', {}, STATUS_TEXT[c.status]),
            c.status !== 'ok' && c.expected
              ? h('div', { class: 'expected' }, `Entra reads ${c.expected}`)
              : null,
            c.note && c.status !== 'wrong-namespace' ? h('div', { class: 'note' }, c.note) : null,
          ),
        ),
      ),
    ),
  );
}

function assertionBlock(a: AssertionView, title: string): HTMLElement {
  return h(
    'section',
    { class: 'assertion' },
    h('h4', {}, title),
    dl([
      ['Issuer', a.issuer ?? '—'],
      ['Audience', a.audiences.join(', ') || '—'],
      ['Valid', `${a.notBefore ?? '?'} → ${a.notOnOrAfter ?? '?'}`],
      ['NameIdentifier', a.nameIdentifier ?? '—'],
    ]),
    claimsTable(a.claims),
    raw('Assertion XML', a.xml),
  );
}

function bodyBlock(body: DecodedBody, side: 'Request' | 'Response'): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (body.negotiate) {
    out.push(
      h(
        'section',
        { class: 'negotiate' },
        h('h4', {}, 'Authorization: Negotiate (modeled Kerberos ticket)'),
        h(
          'ul',
          {},
          body.negotiate.map((l) => h('li', {}, l)),
        ),
      ),
    );
  }
  if (body.assertion) {
    out.push(
      assertionBlock(
        body.assertion,
        side === 'Request' ? 'SAML assertion sent to Entra' : 'SAML assertion issued by the IdP',
      ),
    );
  }
  if (body.aadsts) {
    const a = body.aadsts;
    out.push(
      h(
        'section',
        { class: 'aadsts failure-box' },
        h('h4', {}, `${a.error} — ${a.codes.map((c) => `AADSTS${c}`).join(', ')}`),
        h(
          'ul',
          { class: 'plain' },
          a.descriptionLines.map((l) => h('li', {}, l)),
        ),
        a.meanings.length ? h('p', { class: 'meaning' }, a.meanings.join(' ')) : null,
      ),
    );
  }
  if (body.fault) {
    out.push(
      h(
        'section',
        { class: 'fault failure-box' },
        h('h4', {}, 'SOAP fault'),
        dl([
          ['Code', body.fault.code ?? '—'],
          ['Subcode', body.fault.subcode ?? '—'],
          ['Reason', body.fault.reason ?? '—'],
        ]),
      ),
    );
  }
  if (body.mex) {
    const m = body.mex;
    out.push(
      h(
        'section',
        { class: 'mex' },
        h('h4', {}, 'MEX: endpoints the client can use'),
        dl([
          [
            'Windows integrated',
            m.integrated ? `${m.integrated.address} (WS-Trust ${m.integrated.version})` : 'none',
          ],
          [
            'Username/password',
            m.usernamePassword
              ? `${m.usernamePassword.address} (WS-Trust ${m.usernamePassword.version})`
              : 'none',
          ],
          ['Warnings', m.warnings.join('; ') || 'none'],
        ]),
        h('p', { class: m.integrated ? 'chosen' : 'chosen failure-box' }, m.verdict),
      ),
    );
  }
  if (body.form) {
    out.push(h('section', {}, h('h4', {}, 'Form'), dl(body.form.map(([k, v]) => [k, v] as const))));
  }
  if (body.kind !== 'empty') {
    const title =
      body.kind === 'token-request'
        ? 'Assertion XML (decoded from the form)'
        : `Body (${body.kind})`;
    if (!body.assertion || body.kind !== 'token-request')
      out.push(
        raw(
          title,
          body.pretty,
          ['json', 'aadsts', 'drs-error', 'text', 'form'].includes(body.kind),
        ),
      );
  } else out.push(h('p', { class: 'muted' }, `${side}: no body`));
  return out;
}

function headers(title: string, hs: Readonly<Record<string, string>>): HTMLElement {
  return raw(
    title,
    Object.entries(hs)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n') || '(none)',
  );
}

function exchangeView(e: ExchangeView, focus: 'request' | 'response'): HTMLElement {
  const req = h(
    'section',
    { class: `side ${focus === 'request' ? 'focused' : ''}`, 'aria-label': 'Request' },
    h('h3', {}, `Request · ${e.method}`),
    h('p', { class: 'url' }, e.url),
    headers('Request headers', e.requestHeaders),
    bodyBlock(e.request, 'Request'),
  );
  const res = h(
    'section',
    {
      class: `side ${focus === 'response' ? 'focused' : ''} ${e.failed ? 'failed' : ''}`,
      'aria-label': 'Response',
    },
    h('h3', {}, `Response · ${e.status}${e.failed ? ' (failed)' : ''}`),
    e.internalError
      ? h('p', { class: 'failure-box' }, `Simulator error: ${e.internalError}`)
      : null,
    headers('Response headers', e.responseHeaders),
    bodyBlock(e.response, 'Response'),
  );
  return h(
    'div',
    { class: 'exchange' },
    h('p', { class: 'muted' }, `${LANE_TITLES[e.lane]} (${e.party}) · exchange ${e.index + 1}`),
    focus === 'request' ? [req, res] : [res, req],
  );
}

export function renderMessage(run: RunView, m: SequenceMessage): HTMLElement {
  const title = h(
    'h2',
    { id: 'detail-title', tabindex: -1 },
    `${LANE_TITLES[m.from]} → ${LANE_TITLES[m.to]}`,
  );
  const e = m.exchange === undefined ? undefined : run.exchanges[m.exchange];
  if (!e) {
    return h(
      'div',
      { class: 'detail-inner' },
      title,
      h('p', { class: m.failed ? 'failure-box' : '' }, m.label),
      h(
        'ul',
        {},
        (m.detail ?? []).map((l) => h('li', {}, l)),
      ),
      h(
        'p',
        { class: 'muted' },
        'On-prem step: read from the client’s transcript and the scenario’s AD model (not HTTP).',
      ),
    );
  }
  return h(
    'div',
    { class: 'detail-inner' },
    title,
    h('p', { class: m.failed ? 'failure-box' : 'lead' }, m.label),
    exchangeView(e, m.direction),
  );
}
