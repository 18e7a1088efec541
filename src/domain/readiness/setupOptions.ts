import type { FnoEnvironment, Tenant } from '../model';

// What the setup may offer for a new Dataverse database: the environment type follows the F&O
// environment's tier, and the Project Operations template needs its own licences (docs/sources.md (a)).

export type NewEnvironmentType = 'Sandbox' | 'Production' | 'DevTest';

/**
 * Tier 2–5 sandboxes get a Sandbox and production a Production environment. Cloud-hosted and
 * other DevTest environments choose their type only in the deployment wizard, so none is offered
 * after deployment.
 */
export function allowedEnvironmentTypes(fno: FnoEnvironment): NewEnvironmentType[] {
  if (fno.cloudHosted || fno.type === 'DevTest') return [];
  return [fno.type];
}

export interface SetupTemplate {
  id: 'Dynamics365Standard' | 'ProjectOperations';
  label: string;
}

const PROJECT_OPERATIONS_ENTITLEMENT = 'ProjectOperations';

export function availableTemplates(tenant: Pick<Tenant, 'entitlements'>): SetupTemplate[] {
  const templates: SetupTemplate[] = [{ id: 'Dynamics365Standard', label: 'Dynamics 365 Standard' }];
  if (tenant.entitlements.includes(PROJECT_OPERATIONS_ENTITLEMENT)) {
    templates.push({ id: 'ProjectOperations', label: 'Project Operations' });
  }
  return templates;
}
