/**
 * `hjsim explain CODE`: what an AADSTS code (`AADSTS51004`, `51004`), an HRESULT (`0xcaa1000e`,
 * `-895418354`), a DSREG/ADAL symbol (`ERROR_ADAL_HANDLE`) or a DRS ErrorType (`DirectoryError`)
 * or an Event Viewer id (`304`) means, the public text, where that comes from (source or `modeled`), and which shipped scenarios
 * produce it. It reads the same catalogues the simulator answers from. Exit 0, or 3 when no
 * catalogue knows the code.
 */
import { relative } from 'node:path';
import { isSimError } from '../../core/errors.ts';
import { explainCause } from './explain-cause.ts';
import { PACKAGE_ROOT } from '../../core/keys.ts';
import { describeProvenance } from '../../core/provenance.ts';
import { DSREG_HRESULT_FOR_DRS_ERROR, formatHresult } from '../../protocol/drs/drs-error.ts';
import { eventEntries } from '../../protocol/events/event-catalog.ts';
import {
  HR,
  hresultBySymbol,
  hresultEntry,
  normalizeHresult,
} from '../../protocol/hresult/catalog.ts';
import { AADSTS, aadstsEntries, aadstsEntry } from '../../protocol/oauth/aadsts.ts';
import { statusForError } from '../../protocol/oauth/error-response.ts';
import { findScenarioFiles } from '../../scenario/language/find-scenarios.ts';
import { loadScenario } from '../../scenario/language/load-scenario.ts';
import type { Scenario } from '../../scenario/language/schema.ts';

export interface Explanation {
  readonly kind: 'AADSTS' | 'HRESULT' | 'DRS ErrorType' | 'event' | 'cause';
  /** The code as hjsim writes it: `AADSTS51004`, `0xcaa1000e`, `DirectoryError`, `304`. */
  readonly code: string;
  /** Symbolic name: `UserAccountNotInDirectory`, `ERROR_ADAL_HANDLE`. */
  readonly name: string;
  readonly meaning: string;
  /** What the wire or the log shows. */
  readonly publicText?: string;
  /** Further facts, one per line: OAuth error, HTTP status, decimal HRESULT, … */
  readonly facts: readonly string[];
  readonly provenance: string;
  /** Does a scenario's `expect` say this code is produced? */
  readonly producedBy: (expect: Scenario['expect']) => boolean;
}

/** One catalogue: a query in, an explanation or nothing out. */
export type Lookup = (query: string) => Explanation | undefined;

/**
 * A message rendered with its parameters shown as `{name}`; `detail` is the optional free text
 * some codes carry (50008, 50013), left out so the default public text shows.
 */
const PLACEHOLDERS: Readonly<Record<string, string>> = new Proxy(
  {},
  { get: (_t, key) => (key === 'detail' || typeof key !== 'string' ? undefined : `{${key}}`) },
);

export const explainAadsts: Lookup = (query) => {
  const m = /^(?:AADSTS)?(\d{4,8})$/i.exec(query.trim());
  if (!m) return undefined;
  const code = Number(m[1]);
  // 70002 travels with 500133 in error_codes: it is explained by the entry that sends it.
  const entry = aadstsEntry(code) ?? aadstsEntries().find((e) => e.errorCodes.includes(code));
  if (!entry) return undefined;
  const first = entry.errorCodes[0] ?? entry.code;
  return {
    kind: 'AADSTS',
    code: `AADSTS${entry.code}`,
    name: entry.name,
    meaning: entry.doc,
    publicText: `AADSTS${first}: ${entry.message(PLACEHOLDERS)}`,
    facts: [
      `OAuth error: ${entry.error} (HTTP ${statusForError(entry.error)})`,
      `error_codes: [${entry.errorCodes.join(', ')}]`,
    ],
    provenance: describeProvenance(entry.provenance),
    producedBy: (expect) => (expect.aadsts ?? []).includes(entry.code),
  };
};

function hresultExplanation(hr: string): Explanation | undefined {
  const entry = hresultEntry(hr);
  if (!entry) return undefined;
  const value = Number.parseInt(entry.hresult.slice(2), 16);
  const decimal = value > 0x7fffffff ? value - 0x100000000 : value;
  return {
    kind: 'HRESULT',
    code: entry.hresult,
    name: entry.symbol,
    meaning: entry.meaning,
    facts: [`decimal: ${decimal}`],
    provenance: describeProvenance(entry.provenance),
    producedBy: (expect) => (expect.hresults ?? []).some((h) => h.toLowerCase() === entry.hresult),
  };
}

export const explainHresult: Lookup = (query) => {
  const q = query.trim();
  if (/^0x[0-9a-f]{1,8}$/i.test(q) || /^-\d{1,10}$/.test(q)) {
    return hresultExplanation(normalizeHresult(q));
  }
  const bySymbol = hresultBySymbol(q);
  return bySymbol ? hresultExplanation(bySymbol.hresult) : undefined;
};

export const explainDrsErrorType: Lookup = (query) => {
  const type = Object.keys(DSREG_HRESULT_FOR_DRS_ERROR).find(
    (t) => t.toLowerCase() === query.trim().toLowerCase(),
  );
  if (type === undefined) return undefined;
  const hr = formatHresult(DSREG_HRESULT_FOR_DRS_ERROR[type]!);
  const reported = hresultEntry(hr);
  return {
    kind: 'DRS ErrorType',
    code: type,
    name: type,
    meaning: `A DRS error body ({"ErrorType":"${type}","Message":…,"TraceId":…,"Time":…}); the join client reports ${hr}${reported ? ` ${reported.symbol}` : ''}.`,
    facts: [`client HRESULT: ${hr}`],
    provenance:
      'source: [MS-DVRJ] §2.2.3.1 ErrorDetails; MicrosoftDocs/entra-docs troubleshoot-hybrid-join-windows-current.md (ErrorType → DSREG code; see src/protocol/drs/drs-error.ts for what is modeled)',
    producedBy: (expect) => (expect.hresults ?? []).some((h) => h.toLowerCase() === hr),
  };
};

const oneLine = (template: string) => template.replace(/ ?\n/g, ' ');

/** Event Viewer ids (`304`, `event 335`): the User Device Registration or Workplace Join entry. */
export const explainEvent: Lookup = (query) => {
  const m = /^(?:event\s*)?(\d{1,4})$/i.exec(query.trim());
  if (!m) return undefined;
  const entries = eventEntries(Number(m[1]));
  const entry = entries[0];
  if (!entry) return undefined;
  return {
    kind: 'event',
    code: String(entry.id),
    name: `${entry.channel} ${entry.id}`,
    meaning: `${entry.level} event of ${entry.logName}.`,
    // One line: the template's line breaks (and the space Windows leaves before each) as a space.
    publicText: oneLine(entry.template),
    facts: [
      `level: ${entry.level}`,
      ...(entry.fields.length ? [`insertion strings: ${entry.fields.join(', ')}`] : []),
      ...entries.slice(1).map((e) => `also ${e.channel} ${e.id}: ${oneLine(e.template)}`),
    ],
    provenance: describeProvenance(entry.provenance),
    producedBy: (expect) => (expect.events ?? []).includes(entry.id),
  };
};

/** The catalogues `explain` asks, in order. */
export const LOOKUPS: readonly Lookup[] = [
  explainAadsts,
  explainHresult,
  explainDrsErrorType,
  explainEvent,
  explainCause,
];

export function explain(
  query: string,
  lookups: readonly Lookup[] = LOOKUPS,
): Explanation | undefined {
  for (const lookup of lookups) {
    const found = lookup(query);
    if (found) return found;
  }
  return undefined;
}

export interface ProducingScenario {
  readonly file: string;
  readonly name: string;
}

/** Scenario files under `dir` whose expectations name the code; unreadable files are reported. */
export async function producingScenarios(
  e: Explanation,
  dir: string,
): Promise<{ scenarios: ProducingScenario[]; unreadable: string[] }> {
  const scenarios: ProducingScenario[] = [];
  const unreadable: string[] = [];
  for (const file of await findScenarioFiles([dir])) {
    try {
      const loaded = await loadScenario(file);
      if (e.producedBy(loaded.scenario.expect))
        scenarios.push({ file, name: loaded.scenario.name });
    } catch (err) {
      unreadable.push(`${file}: ${isSimError(err) ? err.message.split('\n')[0] : String(err)}`);
    }
  }
  return { scenarios, unreadable };
}

export function renderExplanation(
  e: Explanation,
  scenarios: readonly ProducingScenario[],
  cwd: string,
): string {
  const lines = [`${e.code}  ${e.name}  (${e.kind})`, '', `  meaning     ${e.meaning}`];
  if (e.publicText) lines.push(`  text        ${e.publicText}`);
  for (const f of e.facts) lines.push(`  ${f}`);
  lines.push(`  provenance  ${e.provenance}`, '');
  if (scenarios.length === 0) lines.push('  No shipped scenario expects it.');
  else {
    lines.push(`  Scenarios that produce it (${scenarios.length}):`);
    for (const s of scenarios) lines.push(`    hjsim run ${relative(cwd, s.file)}    # ${s.name}`);
  }
  return lines.join('\n');
}

export async function explainCommand(
  code: string,
  opts: { json?: boolean; scenarios?: string },
  io: { out: (s: string) => void; err: (s: string) => void; cwd: string },
): Promise<number> {
  const e = explain(code);
  if (!e) {
    io.err(
      `hjsim: unknown code '${code}': no AADSTS code, HRESULT, DSREG/ADAL symbol, DRS ErrorType or event id in the catalogue has it`,
    );
    io.err(
      `  hint: write AADSTS codes as AADSTS${AADSTS.UserAccountNotInDirectory} or 51004, HRESULTs as ${HR.ERROR_ADAL_HANDLE}`,
    );
    return 3;
  }
  const dir = opts.scenarios ?? `${PACKAGE_ROOT}/scenarios`;
  const { scenarios, unreadable } = await producingScenarios(e, dir);
  for (const u of unreadable) io.err(`hjsim: skipped an unreadable scenario: ${u}`);
  if (opts.json) {
    const { producedBy: _p, ...rest } = e;
    void _p;
    io.out(
      JSON.stringify(
        {
          ...rest,
          scenarios: scenarios.map((s) => ({ file: relative(io.cwd, s.file), name: s.name })),
        },
        null,
        2,
      ),
    );
  } else io.out(renderExplanation(e, scenarios, io.cwd));
  return 0;
}
