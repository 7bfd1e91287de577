/**
 * The digest an enveloped Reference to an element carries: SHA-256 over the exclusive
 * canonical form (no comments) of the element without its ds:Signature — what an attacker
 * computes for content they made up.
 * @see XML-DSig core §6.6.4 (enveloped-signature transform), exc-c14n §3; xml-crypto 6 exports
 */
import { createHash } from 'node:crypto';
import { ExclusiveCanonicalization } from 'xml-crypto';
import { dropSignature } from './edit.ts';

export function envelopedSha256Digest(el: Element): string {
  const copy = dropSignature(el.cloneNode(true) as Element);
  const canonical = new ExclusiveCanonicalization().process(copy, {});
  return createHash('sha256').update(canonical, 'utf8').digest('base64');
}
