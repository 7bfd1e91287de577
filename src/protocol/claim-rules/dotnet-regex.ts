/**
 * .NET regular expressions as AD FS runs them (`=~`, `!~`, `RegexReplace`), translated to
 * JavaScript: named groups `(?<name>…)` are the same; `${name}` in a replacement becomes `$<name>`;
 * `\A`, `\z`, `\Z` become `^` and `$`; a leading `(?i)` becomes the `i` flag. Replace replaces
 * every match, as .NET's `Regex.Replace` does.
 * @see [ADFSCRL] "You can use the RegexReplace function … If the pattern matches, the output of the
 *   match is replaced with the replacement value."
 * @see [HJM] `regexreplace(c1.Value, ".+@(?<domain>.+)", "http://${domain}/adfs/services/trust/")`
 */

export class DotnetRegexError extends Error {}

const cache = new Map<string, RegExp>();

/** Compiles a .NET pattern; throws DotnetRegexError when JavaScript cannot read it. */
export function dotnetRegex(pattern: string, global = false): RegExp {
  const key = `${global ? 'g' : ''}:${pattern}`;
  const hit = cache.get(key);
  if (hit) {
    hit.lastIndex = 0;
    return hit;
  }
  let source = pattern;
  let flags = global ? 'g' : '';
  const inline = /^\(\?i\)/.exec(source);
  if (inline) {
    source = source.slice(inline[0].length);
    flags += 'i';
  }
  source = source
    .replace(/\(\?'([A-Za-z_][A-Za-z0-9_]*)'/g, '(?<$1>')
    .replace(/\\A/g, '^')
    .replace(/\\[zZ]/g, '$');
  try {
    const re = new RegExp(source, flags);
    cache.set(key, re);
    return re;
  } catch (e) {
    throw new DotnetRegexError((e as Error).message);
  }
}

/** `${name}` → `$<name>`; `$1`, `$$` and `$0` mean what they mean in .NET. */
export function dotnetReplacement(replacement: string): string {
  return replacement.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, '$<$1>').replace(/\$0/g, '$&');
}

export function regexReplace(input: string, pattern: string, replacement: string): string {
  return input.replace(dotnetRegex(pattern, true), dotnetReplacement(replacement));
}
