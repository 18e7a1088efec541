import type { Clock } from '../../../clock';
import { forEachBounded } from '../../../util/boundedParallel';
import { LifecycleError } from '../../../domain/ports/lifecyclePort';
import type { DataverseRoleAssignment, DirectoryUser, LcsProjectRole } from '../../../domain/model';
import { isSignInMissing } from '../../../domain/ports/userTokens';
import type { TokenSource } from '../auth/delegatedAccess';
import type { DataverseClient } from '../dataverse/dataverseClient';
import type { DataverseRole } from '../dataverse/dataverseSchemas';
import { sameId } from '../../../domain/ids';
import type { EnvironmentCatalog } from '../environmentCatalog';
import type { GraphClient } from '../graph/graphClient';
import { licenseName } from '../graph/licenseNames';
import type { LcsClient } from '../lcs/lcsClient';
import { entraAdminRoles } from '../mapping/tenantFacts';
import type { LcsProjectSetting } from '../microsoftConfig';
import type { RoleObservations } from './roleObservations';

// A person as the setup checks need them: Entra admin roles and licences (Graph), System
// Administrator in each Dataverse environment (by the role's template id, which is the same in every
// environment, not by its localised name), and whether LCS lets them manage the project.

/** The built-in System administrator role's template id (docs/sources.md, API §2.3). */
export const SYSTEM_ADMINISTRATOR_TEMPLATE_ID = '627090ff-40a3-4053-8790-584edc5be201';
/** Dataverse environments asked at once. */
const DATAVERSE_PARALLELISM = 4;
/** LCS lets only Project owners and Environment managers call the environment API, so access proves the lesser. */
const ROLE_PROVEN_BY_LCS_ACCESS: LcsProjectRole = 'EnvironmentManager';
/**
 * Project roles change rarely, and each check spends one of the project's 6 metadata calls a minute
 * (a readiness check and the confirmation after it both read the person), so an answer is reused.
 */
const LCS_ACCESS_REUSE_MS = 10 * 60_000;

export interface DirectorySettings {
  tenantId: string;
  projects: LcsProjectSetting[];
  licenseNames: Readonly<Record<string, string>>;
}

export class DirectoryReader {
  private readonly lcsAccess = new Map<string, { checkedAt: number; canRead: boolean }>();

  constructor(
    private readonly graph: GraphClient,
    private readonly dataverse: DataverseClient,
    private readonly catalog: EnvironmentCatalog,
    private readonly lcs: LcsClient,
    private readonly observations: RoleObservations,
    private readonly settings: DirectorySettings,
    private readonly clock: Clock,
  ) {}

  async user(objectId: string): Promise<DirectoryUser | null> {
    const user = await this.graph.user(objectId);
    if (!user) return null;
    const [roleIds, skus, dataverse, lcs] = await Promise.all([
      this.entraRoleIds(objectId),
      this.graph.skuPartNumbers(objectId),
      this.dataverseRoles(objectId),
      this.lcsRoles(objectId),
    ]);
    return {
      objectId: user.id,
      displayName: user.displayName ?? user.userPrincipalName ?? user.id,
      userPrincipalName: user.userPrincipalName ?? '',
      // The directory queried is the adapter's tenant; guests' home tenants are not exposed by Graph.
      tenantId: this.settings.tenantId,
      entraRoles: entraAdminRoles(roleIds),
      licenses: [...new Set(skus.map((sku) => licenseName(sku, this.settings.licenseNames)))],
      dataverseRoles: dataverse.assignments,
      lcsProjectRoles: lcs.roles,
      ...(lcs.unreadable || Object.keys(dataverse.unreadableIn).length
        ? {
            unreadable: {
              ...(lcs.unreadable ? { lcsProjectRoles: lcs.unreadable } : {}),
              ...(Object.keys(dataverse.unreadableIn).length ? { dataverseRolesIn: dataverse.unreadableIn } : {}),
            },
          }
        : {}),
    };
  }

  /**
   * Roles assigned to the person and to the role-assignable groups they belong to. Without the
   * permission to read group memberships only the direct assignments count (the connection
   * self-test reports the missing permission).
   */
  private async entraRoleIds(objectId: string): Promise<string[]> {
    const [direct, groups] = await Promise.all([
      this.graph.roleDefinitionIds(objectId),
      this.graph.roleAssignableGroupIds(objectId).catch((error: unknown) => {
        if (error instanceof LifecycleError && error.code === 'Unauthorized') return [];
        throw error;
      }),
    ]);
    const viaGroups = await Promise.all(groups.map((groupId) => this.graph.roleDefinitionIds(groupId)));
    return [...direct, ...viaGroups.flat()];
  }

  /**
   * System administrator assignments across the Dataverse environments. An environment that refuses
   * the app (no application user there) is reported as unreadable, so the check says "could not
   * check" rather than "not System administrator"; one that no longer exists is left out; a throttled
   * or unavailable one fails the whole read, since retrying later gives the full answer.
   */
  private async dataverseRoles(objectId: string): Promise<{ assignments: DataverseRoleAssignment[]; unreadableIn: Record<string, string> }> {
    const environments = (await this.catalog.powerPlatformEnvironments()).filter((e) => e.instanceUrl);
    const assignments: DataverseRoleAssignment[] = [];
    const unreadableIn: Record<string, string> = {};
    let failure: unknown = null;
    await forEachBounded(environments, DATAVERSE_PARALLELISM, async (environment) => {
      try {
        const assignment = await this.systemAdministrator(environment.id, environment.instanceUrl!, objectId);
        if (assignment) assignments.push(assignment);
      } catch (error) {
        if (error instanceof LifecycleError && error.code === 'Unauthorized') {
          unreadableIn[environment.id] = 'the bot has no application user with a security role in that Dataverse environment';
        } else if (!(error instanceof LifecycleError && error.code === 'NotFound')) {
          failure ??= error;
        }
      }
    });
    if (failure) throw failure;
    return { assignments: assignments.sort((a, b) => a.ppEnvironmentId.localeCompare(b.ppEnvironmentId)), unreadableIn };
  }

  private async systemAdministrator(ppEnvironmentId: string, instanceUrl: string, objectId: string): Promise<DataverseRoleAssignment | null> {
    const systemUserId = await this.dataverse.systemUserId(instanceUrl, objectId);
    const isSystemAdministrator = (roles: DataverseRole[]) => roles.some((role) => sameId(role._roletemplateid_value, SYSTEM_ADMINISTRATOR_TEMPLATE_ID));
    // Held directly, or else through one of the person's teams.
    const holds =
      !!systemUserId &&
      (isSystemAdministrator(await this.dataverse.userRoles(instanceUrl, systemUserId)) || isSystemAdministrator(await this.dataverse.teamRoles(instanceUrl, systemUserId)));
    if (!holds) {
      await this.observations.forget(ppEnvironmentId, objectId);
      return null;
    }
    const assignedAt = await this.observations.firstSeen(ppEnvironmentId, objectId, this.clock.now());
    return { ppEnvironmentId, role: 'System Administrator', assignedAt };
  }

  /** Only with the person's own sign-in: without it LCS cannot be asked, and the roles are unreadable. */
  private async lcsRoles(objectId: string): Promise<{ roles: DirectoryUser['lcsProjectRoles']; unreadable?: string }> {
    let token;
    try {
      token = await this.catalog.lcsToken(objectId);
    } catch (error) {
      if (isSignInMissing(error)) return { roles: [], unreadable: 'LCS answers only on behalf of the signed-in person, and no sign-in is available' };
      throw error;
    }
    const roles: DirectoryUser['lcsProjectRoles'] = [];
    for (const project of this.settings.projects) {
      if (await this.canReadProject(project.id, objectId, token)) roles.push({ projectId: project.id, role: ROLE_PROVEN_BY_LCS_ACCESS });
    }
    return { roles };
  }

  private async canReadProject(projectId: string, objectId: string, token: TokenSource): Promise<boolean> {
    const key = `${projectId}/${objectId}`;
    const now = this.clock.now().getTime();
    const known = this.lcsAccess.get(key);
    if (known && now - known.checkedAt < LCS_ACCESS_REUSE_MS) return known.canRead;
    const canRead = await this.lcs.canReadProject(projectId, token);
    this.lcsAccess.set(key, { checkedAt: now, canRead });
    return canRead;
  }
}
