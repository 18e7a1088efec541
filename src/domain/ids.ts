// LCS, the Power Platform admin center and Dataverse write the same GUID in different cases (an
// environment id in lower case on one side, upper case in a verification answer on the other), so
// ids are compared without regard to case everywhere a rule decides on them.

export function sameId(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && a.toLowerCase() === b.toLowerCase();
}
