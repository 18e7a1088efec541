import { LifecycleError } from '../../domain/ports/lifecyclePort';
import type { Tenant } from '../../domain/model';
import type { BapClient } from './bap/bapClient';
import type { EnvironmentTemplate } from './bap/bapSchemas';
import type { GraphClient } from './graph/graphClient';
import { capacityFigure, entitlementsFrom } from './mapping/tenantFacts';
import type { PowerPlatformApiClient } from './powerPlatformApi/powerPlatformApiClient';

// The tenant's capacity (Power Platform API), its environment-creation setting (BAP tenant
// settings), product entitlements (which Dynamics 365 templates BAP offers), and its name and
// country (Graph).

/** Templates are listed per geography; the default environment's is the tenant's home. */
const FALLBACK_LOCATION = 'unitedstates';

export class TenantReader {
  constructor(
    private readonly tenantId: string,
    private readonly bap: BapClient,
    private readonly powerPlatformApi: PowerPlatformApiClient,
    private readonly graph: GraphClient,
  ) {}

  async read(): Promise<Tenant> {
    const [capacity, settings, environments, organization] = await Promise.all([
      this.powerPlatformApi.tenantCapacity(),
      this.bap.listTenantSettings(),
      this.bap.listEnvironments(),
      this.organization(),
    ]);
    const home = environments.find((e) => e.properties.isDefault) ?? environments[0];
    const templates = await this.templates(home?.location ?? FALLBACK_LOCATION);
    return {
      id: this.tenantId,
      displayName: organization?.displayName ?? this.tenantId,
      country: organization?.countryLetterCode ?? '',
      capacity: {
        database: capacityFigure(capacity, 'Database'),
        file: capacityFigure(capacity, 'File'),
        log: capacityFigure(capacity, 'Log'),
      },
      environmentCreationRestrictedToAdmins: settings.disableEnvironmentCreationByNonAdminUsers,
      entitlements: 'unreadable' in templates ? [] : entitlementsFrom(templates.list),
      ...('unreadable' in templates ? { unreadable: { entitlements: templates.unreadable } } : {}),
    };
  }

  /**
   * Entitlements are read from the templates BAP offers; that read failing must not cost every
   * other tenant fact, so it becomes "could not check" with the reason.
   */
  private async templates(location: string): Promise<{ list: EnvironmentTemplate[] } | { unreadable: string }> {
    try {
      return { list: await this.bap.listEnvironmentTemplates(location) };
    } catch (error) {
      if (error instanceof LifecycleError) return { unreadable: error.message };
      throw error;
    }
  }

  /**
   * Name and country are cosmetic next to capacity and settings: without Organization.Read.All the
   * tenant is shown by its id rather than losing every tenant fact.
   */
  private async organization() {
    try {
      return await this.graph.organization();
    } catch (error) {
      if (error instanceof LifecycleError && error.code === 'Unauthorized') return null;
      throw error;
    }
  }
}
