/**
 * What a rule's `issue(store = …, types = (…), query = …, param = …)` asks: an attribute store by
 * name answers a query with one column of values per requested type. The claims engine does not
 * know any store; the IdP hands it the stores it has (AD FS: "Active Directory").
 * @see [ADFSCRL] "Attribute Store—This form creates claims with values that are retrieved from an
 *   attribute store … When the attribute store returns multiple values for a given claim type, the
 *   issuance statement automatically creates a claim for each returned claim value." Placeholders
 *   are .NET String.Format's `{0}`, `{1}`.
 */

export interface AttributeStore {
  /**
   * One column per requested type, in order, each with zero or more values. `query` already has
   * its `{n}` placeholders replaced by the params. Throws AttributeStoreError when the query is
   * not one the store understands.
   */
  query(query: string, params: readonly string[], columns: number): string[][];
}

export class AttributeStoreError extends Error {}

/** `{0}`, `{1}` … replaced by the params (String.Format); `{{` and `}}` are literal braces. */
export function formatQuery(query: string, params: readonly string[]): string {
  return query.replace(/\{\{|\}\}|\{(\d+)\}/g, (m, n: string | undefined) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    const v = params[Number(n)];
    if (v === undefined)
      throw new AttributeStoreError(`the query names {${n}} but has ${params.length} param(s)`);
    return v;
  });
}
