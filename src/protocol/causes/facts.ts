/**
 * Facts: what diagnose knows after reading an input, in one vocabulary whatever the input was —
 * an AADSTS code Entra returned, a failure HRESULT the client reported, a named line of text
 * (a signal), an Event Viewer event id. Causes are written against facts; text, XML and a
 * scenario's `expect` are all turned into facts, so the one catalogue serves them all.
 */

export type FactKey = `aadsts:${number}` | `hr:${string}` | `sig:${string}` | `event:${number}`;

export const aadstsFact = (code: number): FactKey => `aadsts:${code}`;
export const hresultFact = (hr: string): FactKey => `hr:${hr.toLowerCase()}`;
export const signalFact = (id: string): FactKey => `sig:${id}`;
export const eventFact = (id: number): FactKey => `event:${id}`;

export interface Evidence {
  /** 1-based line of the input; absent for facts derived from a document (XML). */
  readonly line?: number;
  readonly text: string;
}

export interface Observation {
  readonly key: FactKey;
  /** Order of first appearance (offset in the input, or insertion order). */
  readonly order: number;
  readonly evidence: Evidence[];
  /** How many times it was seen (evidence keeps the first few). */
  count: number;
  /** Not seen but predicted (e.g. the AADSTS Entra would answer an assertion with). */
  readonly predicted: boolean;
}

/** Facts in the order first seen, each with the lines that show it. */
export class Facts {
  private readonly map = new Map<FactKey, Observation>();
  private seq = 0;
  static readonly EVIDENCE_PER_FACT = 3;

  add(key: FactKey, evidence?: Evidence, opts: { order?: number; predicted?: boolean } = {}): void {
    const seen = this.map.get(key);
    if (seen) {
      seen.count++;
      if (
        evidence &&
        seen.evidence.length < Facts.EVIDENCE_PER_FACT &&
        !seen.evidence.some((e) => e.line === evidence.line && e.text === evidence.text)
      )
        seen.evidence.push(evidence);
      return;
    }
    this.map.set(key, {
      key,
      order: opts.order ?? this.seq,
      evidence: evidence ? [evidence] : [],
      count: 1,
      predicted: opts.predicted ?? false,
    });
    this.seq++;
  }

  has(key: FactKey): boolean {
    return this.map.has(key);
  }

  get(key: FactKey): Observation | undefined {
    return this.map.get(key);
  }

  keys(): FactKey[] {
    return [...this.map.keys()];
  }

  all(): Observation[] {
    return [...this.map.values()].sort((a, b) => a.order - b.order);
  }

  get size(): number {
    return this.map.size;
  }
}
