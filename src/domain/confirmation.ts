// The typed-name confirmation of an irreversible setup. The name must be the caller's own; case,
// spacing and Unicode composition (é typed as e + ́) do not matter, anything else does.

function canonicalName(name: string): string {
  return name.normalize('NFC').replace(/[\s\u00a0\u200b]+/g, '').toLocaleLowerCase('en-US');
}

export function typedNameMatches(typed: string, ...acceptedNames: (string | null | undefined)[]): boolean {
  const wanted = canonicalName(typed);
  if (!wanted) return false;
  return acceptedNames.some((name) => !!name && canonicalName(name) === wanted);
}
