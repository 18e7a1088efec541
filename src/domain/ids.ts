// LCS, the Power Platform admin center and Dataverse name the same environment by the same GUID but
// spell it differently: LCS returns environment ids with and without hyphens, BAP in lower case,
// Dataverse and some LCS answers in upper case or in braces. Every place that decides on ids (rules,
// link detection, setup watch, quota de-duplication) compares them by one canonical form.

/** Lower case, without braces and hyphens: `{8A…-…}` and `8a…` compare equal. */
export function canonicalId(id: string): string {
  return id.trim().toLowerCase().replace(/[{}-]/g, '');
}

/** The same id however each service spells it; false when either is missing. */
export function sameId(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && canonicalId(a) === canonicalId(b);
}
