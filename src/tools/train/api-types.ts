/**
 * The trainer's JSON API, shared by the server (`src/tools/train/`) and the page (`web/`). Types only:
 * the page imports them with `import type`, so nothing of the server reaches the browser.
 */

/** One scenario file of the library, as the picker shows it. */
export interface ScenarioEntry {
  /** Path below the scenarios folder, `/`-separated: `pingone/baseline.yaml`. */
  readonly id: string;
  /** Folder below the scenarios folder (`pingone`), `''` at the top. */
  readonly folder: string;
  readonly name: string;
  readonly description?: string;
  readonly tags: readonly string[];
  /** Set when the file does not load: the loader's message. */
  readonly invalid?: string;
}

export interface ScenarioList {
  /** The scenarios folder as given to `hjsim train --scenarios`. */
  readonly root: string;
  readonly scenarios: readonly ScenarioEntry[];
  readonly folders: readonly string[];
  readonly tags: readonly string[];
}

/** One single-fault variant of a scenario: a patch with `extends` semantics. */
export interface FaultEntry {
  readonly id: string;
  /** What is wrong, in the admin's words. */
  readonly title: string;
}

export interface FaultList {
  readonly scenario: string;
  readonly faults: readonly FaultEntry[];
}

export interface RunRequest {
  readonly scenario: string;
  readonly fault?: string;
}

/** The lanes of the sequence diagram, left to right. */
export const LANES = ['client', 'ad', 'drs', 'entra', 'idp'] as const;
export type Lane = (typeof LANES)[number];

export const LANE_TITLES: Readonly<Record<Lane, string>> = {
  client: 'Windows client',
  ad: 'AD / SCP',
  drs: 'Entra DRS',
  entra: 'Entra login',
  idp: 'IdP',
};

/** A claim of a SAML assertion, checked the way mock Entra reads device claims. */
export interface ClaimCheck {
  readonly name: string;
  readonly namespace?: string;
  readonly claimType?: string;
  readonly values: readonly string[];
  /**
   * `ok`: under the claim type Entra reads; `wrong-namespace`: a device/user claim name under
   * another namespace (Entra does not see it); `missing`: a device claim the token lacks;
   * `wrong-value`: the right type with a value Entra refuses; `other`: a claim Entra ignores here.
   */
  readonly status: 'ok' | 'wrong-namespace' | 'missing' | 'wrong-value' | 'other';
  /** The claim type Entra expects, for the claims it reads. */
  readonly expected?: string;
  readonly note?: string;
}

export interface AssertionView {
  readonly issuer?: string;
  readonly audiences: readonly string[];
  readonly notBefore?: string;
  readonly notOnOrAfter?: string;
  readonly nameIdentifier?: string;
  readonly claims: readonly ClaimCheck[];
  /** The assertion, indented. */
  readonly xml: string;
}

export interface MexView {
  readonly integrated?: { readonly address: string; readonly version: string };
  readonly usernamePassword?: { readonly address: string; readonly version: string };
  readonly warnings: readonly string[];
  /** What the client does with this document, in one sentence. */
  readonly verdict: string;
}

export interface AadstsView {
  readonly error: string;
  readonly codes: readonly number[];
  /** `error_description` split at its CR LFs. */
  readonly descriptionLines: readonly string[];
  /** The public name and meaning of each code the catalogue knows. */
  readonly meanings: readonly string[];
}

export interface SoapFaultView {
  readonly code?: string;
  readonly subcode?: string;
  readonly reason?: string;
}

/** One HTTP body (or header) decoded for reading. */
export interface DecodedBody {
  readonly kind:
    | 'empty'
    | 'json'
    | 'xml'
    | 'form'
    | 'text'
    | 'token-request'
    | 'rst'
    | 'rstr'
    | 'aadsts'
    | 'soap-fault'
    | 'mex'
    | 'drs-error';
  /** A one-line summary for the diagram. */
  readonly summary: string;
  /** The body, indented (JSON, XML) or as sent. */
  readonly pretty: string;
  readonly form?: readonly (readonly [string, string])[];
  readonly assertion?: AssertionView;
  readonly aadsts?: AadstsView;
  readonly fault?: SoapFaultView;
  readonly mex?: MexView;
  /** Decoded `Authorization: Negotiate` ticket (modeled Kerberos), as lines. */
  readonly negotiate?: readonly string[];
}

export interface ExchangeView {
  readonly index: number;
  readonly lane: Lane;
  readonly party: string;
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly requestHeaders: Readonly<Record<string, string>>;
  readonly responseHeaders: Readonly<Record<string, string>>;
  readonly request: DecodedBody;
  readonly response: DecodedBody;
  readonly failed: boolean;
  readonly internalError?: string;
}

/** One arrow of the sequence diagram. */
export interface SequenceMessage {
  readonly id: string;
  readonly from: Lane;
  readonly to: Lane;
  readonly label: string;
  readonly direction: 'request' | 'response';
  /** The exchange it belongs to; undefined for the on-prem (LDAP, DC locator) steps. */
  readonly exchange?: number;
  /** The step reported a failure. */
  readonly failed: boolean;
  /** The first failure of the run: where it broke. */
  readonly failingStep: boolean;
  /** For on-prem steps: what was asked and what AD answered. */
  readonly detail?: readonly string[];
}

export interface OutcomeView {
  readonly joined: boolean;
  readonly joinType: string;
  readonly aadsts: readonly number[];
  readonly hresults: readonly string[];
  readonly fallbackAttempted: boolean;
  readonly errorPhase?: string;
}

export interface RunView {
  readonly scenario: {
    readonly id: string;
    readonly name: string;
    readonly tags: readonly string[];
  };
  readonly fault?: FaultEntry;
  readonly status: 'passed' | 'failed' | 'error';
  /** Unmet expectations (a fault run has none to meet: its baseline's are dropped). */
  readonly failures: readonly string[];
  readonly error?: { readonly code: string; readonly message: string };
  readonly outcome?: OutcomeView;
  readonly messages: readonly SequenceMessage[];
  readonly exchanges: readonly ExchangeView[];
  readonly transcript: readonly string[];
  readonly statusOutput: readonly string[];
  /** Event Viewer entries as text, when the client renders them (issue 5); absent otherwise. */
  readonly eventLog?: readonly string[];
  readonly entraLog: readonly string[];
}

export interface QuizChoice {
  readonly id: string;
  readonly label: string;
}

/** What the customer sent, and the causes to choose from. The answer stays on the server. */
export interface QuizQuestion {
  readonly id: string;
  /** `attack`: an XML signature attack, the choices are attacks; else configuration causes. */
  readonly kind: 'attack' | 'configuration';
  /** What the transcript is: `dsregcmd /join /debug`, or a down-level Workplace Join dialog. */
  readonly transcriptTitle: string;
  readonly transcript: readonly string[];
  readonly eventLog?: readonly string[];
  readonly choices: readonly QuizChoice[];
}

export interface QuizAnswerRequest {
  readonly question: string;
  readonly choice: string;
}

export interface EvidenceLine {
  /** 1-based line number in the transcript. */
  readonly line: number;
  readonly text: string;
  /** Why this line matters. */
  readonly why: string;
}

export interface QuizAnswer {
  readonly correct: boolean;
  readonly answer: QuizChoice;
  readonly explanation: readonly string[];
  readonly evidence: readonly EvidenceLine[];
  /** The scenario behind the question, to open it in the explorer. */
  readonly scenario: string;
}

export interface ApiError {
  readonly error: string;
  readonly hint?: string;
}

/** The guided path (`GET /api/path`, `src/tools/train/guided-path.ts`). */
/** A source a step cites: a key of docs/sources.md, its title and address. */
export interface PathSource {
  readonly key: string;
  readonly title: string;
  readonly url: string;
}

export interface PathStep {
  readonly title: string;
  /** The shipped scenario that reproduces it (id under scenarios/). */
  readonly scenario: string;
  /** Join phase as dsregcmd names it (`Error Phase`), or `fallback` when the sync join saves it. */
  readonly phase: 'discover' | 'auth' | 'join' | 'fallback';
  /** Codes the customer's output shows (HRESULTs as 0x…, AADSTS as numbers); in the scenario's expect. */
  readonly codes: readonly (string | number)[];
  /** What you see: lines or facts of the customer's output. */
  readonly see: readonly string[];
  readonly why: string;
  readonly fix: readonly string[];
  readonly sources: readonly string[];
}

export interface GuidedPath {
  readonly steps: readonly (PathStep & { readonly inLibrary: boolean })[];
  readonly sources: readonly PathSource[];
}
