/**
 * One error type for the whole simulator: a `code` from a closed union and an ES2022 `cause`.
 * Wire errors (AADSTS JSON, SOAP faults, DRS bodies) are not thrown as SimError: each party
 * builds its own wire form; SimError is for input, parsing and internal failures.
 */
export type SimErrorCode =
  | 'ERR_SCENARIO_READ'
  | 'ERR_SCENARIO_YAML'
  | 'ERR_SCENARIO_INVALID'
  | 'ERR_XML_MALFORMED'
  | 'ERR_XML_DTD'
  | 'ERR_XML_SHAPE'
  | 'ERR_SIGNATURE_MISSING'
  | 'ERR_SIGNATURE_INVALID'
  | 'ERR_SIGNATURE_KEY_MISMATCH'
  | 'ERR_SIGNATURE_WRAPPING'
  | 'ERR_ENCODING'
  | 'ERR_CERTIFICATE'
  | 'ERR_KEY_STORE'
  | 'ERR_HTTP'
  | 'ERR_WSFED_REQUEST'
  | 'ERR_SAMLP_REQUEST'
  | 'ERR_USAGE'
  /** AD FS claim rule text that does not parse or names what it did not bind (POLICY00xx). */
  | 'ERR_CLAIM_RULES'
  /** `hjsim merge-reports`: a file that is not a shard's report, or shards that do not make a whole run. */
  | 'ERR_REPORT_MERGE'
  | 'ERR_INTERNAL';

export class SimError extends Error {
  override readonly name = 'SimError';
  readonly code: SimErrorCode;
  /** Where the problem is: a file, a JSON pointer, an XML path. Shown to the user. */
  readonly where: string | undefined;
  /** What to do about it, in the user's terms. */
  readonly hint: string | undefined;

  constructor(
    code: SimErrorCode,
    message: string,
    options: { cause?: unknown; where?: string; hint?: string } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.where = options.where;
    this.hint = options.hint;
  }
}

export function isSimError(value: unknown, code?: SimErrorCode): value is SimError {
  return value instanceof SimError && (code === undefined || value.code === code);
}
