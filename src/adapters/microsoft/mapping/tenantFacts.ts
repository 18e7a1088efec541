import type { CapacityFigure, EntraAdminRole } from '../../../domain/model';
import type { EnvironmentTemplate } from '../bap/bapSchemas';
import type { TenantCapacity } from '../powerPlatformApi/powerPlatformApiSchemas';

// Tenant- and person-level facts read from the Power Platform API, BAP templates and Graph.

/** Entitled vs actually consumed MB for a capacity type (`totalCapacity`, `consumption.actual`). */
export function capacityFigure(capacity: TenantCapacity, type: string): CapacityFigure {
  const entry = capacity.tenantCapacities.find((c) => c.capacityType === type);
  return { entitledMb: entry?.totalCapacity ?? 0, consumedMb: entry?.consumption?.actual ?? 0 };
}

/**
 * Product entitlements, read from which Dynamics 365 templates the tenant may use: a template
 * disabled with `DynamicsEntitlementMissing` means the tenant lacks the licences behind it.
 */
const ENTITLEMENT_BY_TEMPLATE: Readonly<Record<string, string>> = {
  D365_ProjectOperations: 'ProjectOperations',
  D365_FieldService: 'FieldService',
  D365_Sales: 'Sales',
  D365_CustomerService: 'CustomerService',
  D365_FinOps_Finance: 'Finance',
  D365_FinOps_SCM: 'SupplyChainManagement',
};

export function entitlementsFrom(templates: EnvironmentTemplate[]): string[] {
  const entitled = templates
    .filter((template) => !template.properties.isDisabled && Object.hasOwn(ENTITLEMENT_BY_TEMPLATE, template.name))
    .map((template) => ENTITLEMENT_BY_TEMPLATE[template.name]!);
  return [...new Set(entitled)].sort();
}

/** Built-in Entra role template ids (entra-docs permissions-reference). */
const ROLE_BY_TEMPLATE_ID: Readonly<Record<string, EntraAdminRole>> = {
  '62e90394-69f5-4237-9190-012177145e10': 'GlobalAdministrator',
  '11648597-926c-4cf3-9c36-bcebb0ba8dcc': 'PowerPlatformAdministrator',
  '44367163-eba1-44c3-98af-f5787879f96a': 'Dynamics365Administrator',
};

export function entraAdminRoles(roleDefinitionIds: string[]): EntraAdminRole[] {
  const roles = roleDefinitionIds.map((id) => id.toLowerCase()).filter((id) => Object.hasOwn(ROLE_BY_TEMPLATE_ID, id)).map((id) => ROLE_BY_TEMPLATE_ID[id]!);
  return [...new Set(roles)];
}
