/**
 * The people who fix PPI problems, named as the admin centres name the roles (docs/sources.md (b), (g)).
 * Readiness and triage each add the few owners only they speak of.
 */
export type AdminOwner =
  | 'Global admin'
  | 'Power Platform admin'
  | 'Dynamics 365 admin'
  | 'License admin'
  | 'LCS project owner'
  | 'Dataverse system administrator'
  | 'Microsoft support';
