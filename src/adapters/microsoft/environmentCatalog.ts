import type { Clock } from '../../clock';
import type { FnoEnvironment, LcsProject, PowerPlatformEnvironment } from '../../domain/model';
import type { RequestCredentials, TokenSource } from './auth/delegatedAccess';
import type { BapClient } from './bap/bapClient';
import type { LcsClient } from './lcs/lcsClient';
import type { LcsEnvironment } from './lcs/lcsSchemas';
import { toFnoEnvironment } from './mapping/fnoEnvironments';
import { sameId } from '../../domain/ids';
import { toPowerPlatformEnvironment } from './mapping/powerPlatformEnvironments';
import type { LcsProjectSetting } from './microsoftConfig';

// The environments on both sides. Power Platform environments come from BAP with the app's token;
// F&O environments from LCS on behalf of a signed-in person (LCS has no app-only access), with the
// Power Platform side filling in which environment holds each one's link.
//
// LCS allows 6 metadata calls per project per minute, and one readiness check asks for the same
// project several times, so a project's environment list is reused for a short while.

const LCS_LIST_REUSE_MS = 30_000;

export interface CatalogSettings {
  tenantId: string;
  lcsScope: string;
  projects: LcsProjectSetting[];
}

export class EnvironmentCatalog {
  private readonly lcsLists = new Map<string, { readAt: number; environments: LcsEnvironment[] }>();

  constructor(
    private readonly bap: BapClient,
    private readonly lcs: LcsClient,
    private readonly credentials: RequestCredentials,
    private readonly settings: CatalogSettings,
    private readonly clock: Clock,
  ) {}

  async powerPlatformEnvironments(): Promise<PowerPlatformEnvironment[]> {
    return (await this.bap.listEnvironments()).map(toPowerPlatformEnvironment);
  }

  async powerPlatformEnvironment(id: string): Promise<PowerPlatformEnvironment | null> {
    const environment = await this.bap.getEnvironment(id);
    return environment ? toPowerPlatformEnvironment(environment) : null;
  }

  /** Every F&O environment of the configured LCS projects, as `objectId` (or the current person) may see them. */
  async fnoEnvironments(objectId?: string): Promise<FnoEnvironment[]> {
    const token = await this.lcsToken(objectId);
    const [perProject, powerPlatform] = await Promise.all([
      Promise.all(this.settings.projects.map(async (project) => ({ project, environments: await this.lcsList(project.id, token) }))),
      this.powerPlatformEnvironments(),
    ]);
    return perProject.flatMap(({ project, environments }) =>
      environments.map((environment) => toFnoEnvironment(environment, this.lcsProject(project), powerPlatform)),
    );
  }

  async fnoEnvironment(id: string, objectId?: string): Promise<FnoEnvironment | null> {
    return (await this.fnoEnvironments(objectId)).find((environment) => sameId(environment.id, id)) ?? null;
  }

  lcsToken(objectId?: string): Promise<TokenSource> {
    return this.credentials.user(this.settings.lcsScope, 'Reading the finance and operations environments from LCS', objectId);
  }

  private lcsProject(project: LcsProjectSetting): LcsProject {
    return { id: project.id, name: project.name, tenantId: this.settings.tenantId };
  }

  private async lcsList(projectId: string, token: TokenSource): Promise<LcsEnvironment[]> {
    const now = this.clock.now().getTime();
    const reused = this.lcsLists.get(projectId);
    if (reused && now - reused.readAt < LCS_LIST_REUSE_MS) return reused.environments;
    const environments = await this.lcs.environments(projectId, token);
    this.lcsLists.set(projectId, { readAt: now, environments });
    return environments;
  }
}
