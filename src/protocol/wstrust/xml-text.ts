/**
 * Escaping and time formatting for hand-written WS-Trust and MEX envelopes.
 * @see https://www.w3.org/TR/xml/ §2.4 (character data), WS-Security 1.1 utility schema (wsu:Created is xsd:dateTime)
 */
import { SimError } from '../../core/errors.ts';

const ENTITY: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Escapes text for element content and for attribute values in either quote style. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITY[c] ?? c);
}

/** `2024-05-01T10:00:00.000Z`: UTC with milliseconds, as AD FS writes wsu:Created/Expires. */
export function wsuTime(d: Date, field: string): string {
  if (Number.isNaN(d.getTime())) {
    throw new SimError('ERR_USAGE', `${field} is not a valid date`);
  }
  return d.toISOString();
}
