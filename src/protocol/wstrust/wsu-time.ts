/**
 * Time formatting for hand-written WS-Trust envelopes (escaping is protocol/xml/escape-xml.ts).
 * @see WS-Security 1.1 utility schema (wsu:Created is xsd:dateTime)
 */
import { SimError } from '../../core/errors.ts';

/** `2024-05-01T10:00:00.000Z`: UTC with milliseconds, as AD FS writes wsu:Created/Expires. */
export function wsuTime(d: Date, field: string): string {
  if (Number.isNaN(d.getTime())) {
    throw new SimError('ERR_USAGE', `${field} is not a valid date`);
  }
  return d.toISOString();
}
