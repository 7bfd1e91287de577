/**
 * The "Active Directory" attribute store of AD FS, over a list of directory accounts. A query is
 * `<LDAP filter>;<attribute>,<attribute>…;<DOMAIN\account>`: with an empty filter the account named
 * by the third part is read; with a filter (`samAccountName={0}`, `(&(a=b)(c=d))`) the accounts of
 * that domain that match it are. Binary attributes come back base64 (objectGUID and
 * mS-DS-ConsistencyGuid in Microsoft byte order), objectSid as its string form, tokenGroups(SID)
 * as the group SIDs. Empty values are dropped: AD FS does not issue empty claims.
 * @see [HJM] `query = ";objectguid;{0}", param = c2.Value` (windowsaccountname)
 * @see [QA66688] `query = "samAccountName={0};userPrincipalName;{1}"` (a customer's Issue UPN rule)
 * @see [ADCFED] "Rule 1" (`; objectGuid,ms-ds-consistencyguid;{0}`) and "AD FS doesn't allow empty
 *   claims … sees that it will have an empty value and drops it immediately"
 * modeled: an account whose userPrincipalName is not set answers nothing for it (computers, unless
 *   the scenario gives one: [AADIBLOG]'s captured device token carries `NAME$@domain` as its UPN);
 *   attribute names match without regard to case; an unknown attribute answers nothing.
 */
import { uuidAsBase64Guid } from '../encoding/guid.ts';
import { AttributeStoreError, type AttributeStore } from './attribute-store.ts';

/** One AD account as the attribute store reads it. */
export interface AdAccount {
  /** `IMOK-HYJD$` for a computer, `jdoe` for a user. */
  readonly samAccountName: string;
  /** The NetBIOS domain of `DOMAIN\account`. */
  readonly netbiosDomain: string;
  readonly dnsDomain: string;
  readonly objectGuid?: string | undefined;
  readonly objectSid?: string | undefined;
  readonly userPrincipalName?: string | undefined;
  /** A GUID, read back base64 like objectGUID. */
  readonly msDsConsistencyGuid?: string | undefined;
  /** Group SIDs (tokenGroups): a domain computer has `<domain SID>-515`. */
  readonly groupSids?: readonly string[] | undefined;
  readonly displayName?: string | undefined;
  readonly mail?: string | undefined;
}

function attribute(a: AdAccount, name: string): string[] {
  const one = (v: string | undefined) => (v === undefined || v === '' ? [] : [v]);
  switch (name.toLowerCase()) {
    case 'objectguid':
      return a.objectGuid ? [uuidAsBase64Guid(a.objectGuid)] : [];
    case 'ms-ds-consistencyguid':
    case 'msds-consistencyguid':
      return a.msDsConsistencyGuid ? [uuidAsBase64Guid(a.msDsConsistencyGuid)] : [];
    case 'objectsid':
      return one(a.objectSid);
    case 'userprincipalname':
      return one(a.userPrincipalName);
    case 'samaccountname':
      return one(a.samAccountName);
    case 'name':
    case 'cn':
      return one(a.samAccountName.replace(/\$$/, ''));
    case 'displayname':
      return one(a.displayName ?? a.samAccountName.replace(/\$$/, ''));
    case 'mail':
      return one(a.mail);
    case 'tokengroups(sid)':
    case 'tokengroups':
      return [...(a.groupSids ?? [])];
    default:
      return [];
  }
}

/** `(&(a=b)(c=d))`, `(a=b)` or `a=b` → pairs; throws for what it cannot read. */
function filterTerms(filter: string): [string, string][] {
  let f = filter.trim();
  if (f === '') return [];
  if (f.startsWith('(&') && f.endsWith(')')) f = f.slice(2, -1);
  const terms = f.startsWith('(') ? (f.match(/\([^()]*\)/g) ?? []).map((t) => t.slice(1, -1)) : [f];
  return terms.map((t) => {
    const m = /^([A-Za-z][\w-]*)=(.*)$/.exec(t.trim());
    if (!m)
      throw new AttributeStoreError(
        `the LDAP filter "${filter}" is not one the mock store reads (attribute=value terms)`,
      );
    return [m[1] as string, m[2] as string];
  });
}

const eq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function activeDirectoryStore(accounts: readonly AdAccount[]): AttributeStore {
  return {
    query(query, _params, columns) {
      const parts = query.split(';');
      if (parts.length !== 3) {
        throw new AttributeStoreError(
          `the Active Directory query "${query}" is not "<LDAP filter>;<attributes>;<DOMAIN\\account>"`,
        );
      }
      const [filter, list, who] = parts.map((p) => p.trim()) as [string, string, string];
      const slash = who.indexOf('\\');
      if (slash < 1) {
        throw new AttributeStoreError(
          `the third part of "${query}" must be DOMAIN\\account (the windowsaccountname), got "${who}"`,
        );
      }
      const domain = who.slice(0, slash);
      const account = who.slice(slash + 1);
      const terms = filterTerms(filter);
      const inDomain = accounts.filter(
        (a) => eq(a.netbiosDomain, domain) || eq(a.dnsDomain, domain),
      );
      const found =
        terms.length === 0
          ? inDomain.filter((a) => eq(a.samAccountName, account))
          : inDomain.filter((a) => terms.every(([k, v]) => attribute(a, k).some((x) => eq(x, v))));
      const names = list.split(',').map((n) => n.trim());
      const out: string[][] = [];
      for (let i = 0; i < columns; i += 1) {
        const name = names[i];
        out.push(name === undefined ? [] : found.flatMap((a) => attribute(a, name)));
      }
      return out;
    },
  };
}
