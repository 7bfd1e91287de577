/**
 * `extends:` patching: objects merge deeply, the patch wins on scalars; lists of named things
 * merge by their key (domains by `name`, devices by `objectGuid`, users by `upn`); other lists
 * are replaced whole; `null` removes a key (as in a JSON merge patch, RFC 7396).
 */
const LIST_KEYS: Readonly<Record<string, string>> = {
  domains: 'name',
  devices: 'objectGuid',
  users: 'upn',
};

type Json = unknown;

function isPlainObject(v: Json): v is Record<string, Json> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Keys of list items compare case-insensitively (domain names, GUIDs, UPNs). */
function sameKey(a: Json, b: Json): boolean {
  return typeof a === 'string' && typeof b === 'string'
    ? a.toLowerCase() === b.toLowerCase()
    : a === b;
}

function withoutNulls(v: Json): Json {
  if (!isPlainObject(v)) return v;
  const out: Record<string, Json> = {};
  for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = withoutNulls(x);
  return out;
}

export function mergeScenario(base: Json, patch: Json, key?: string): Json {
  if (isPlainObject(base) && isPlainObject(patch)) {
    const out: Record<string, Json> = { ...base };
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) delete out[k];
      else out[k] = k in base ? mergeScenario(base[k], v, k) : withoutNulls(v);
    }
    return out;
  }
  const listKey = key ? LIST_KEYS[key] : undefined;
  if (listKey && Array.isArray(base) && Array.isArray(patch)) {
    const out = [...base];
    for (const item of patch) {
      const id = isPlainObject(item) ? item[listKey] : undefined;
      const i =
        id === undefined ? -1 : out.findIndex((b) => isPlainObject(b) && sameKey(b[listKey], id));
      if (i >= 0) out[i] = mergeScenario(out[i], item);
      else out.push(withoutNulls(item));
    }
    return out;
  }
  return withoutNulls(patch);
}
