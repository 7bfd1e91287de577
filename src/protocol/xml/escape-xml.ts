/**
 * Escaping for XML written as strings: text content and double-quoted attribute values.
 * @see XML 1.0 §2.2 (Char), §2.4 (character data), §2.11 (line ends), §3.3.3 (attribute normalisation)
 */
import { SimError } from '../../core/errors.ts';

const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function writable(value: string, field: string): string {
  if (typeof value !== 'string') throw new SimError('ERR_USAGE', `${field} must be a string`);
  if (NOT_XML_CHAR.test(value)) {
    throw new SimError('ERR_ENCODING', `${field} contains a character XML 1.0 cannot carry`);
  }
  return value;
}

/**
 * Text content. A CR is written as a reference so that it survives line-end normalisation.
 * Throws SimError `ERR_ENCODING` for characters XML 1.0 cannot carry at all (e.g. U+0000).
 */
export function escapeText(value: string, field = 'XML text'): string {
  return writable(value, field)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

/** A double-quoted attribute value; tab, LF and CR as references so normalisation keeps them. */
export function escapeAttribute(value: string, field = 'XML attribute'): string {
  return writable(value, field)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}
