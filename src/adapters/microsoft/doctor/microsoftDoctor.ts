import { performance } from 'node:perf_hooks';
import type { ConnectionCheck, ConnectionDoctor, ConnectionDoctorRequest, ConnectionOutcome, ConnectionReport } from '../../../domain/ports/connectionDoctor';
import { LifecycleError } from '../../../domain/ports/lifecyclePort';
import { isSignInMissing } from '../../../domain/ports/userTokens';
import type { PowerPlatformEnvironment } from '../../../domain/model';
import { forEachBounded } from '../../../util/boundedParallel';
import type { AccessTokens } from '../auth/accessTokens';
import type { RequestCredentials } from '../auth/delegatedAccess';
import type { BapClient } from '../bap/bapClient';
import type { DataverseClient } from '../dataverse/dataverseClient';
import type { GraphClient } from '../graph/graphClient';
import type { LcsClient } from '../lcs/lcsClient';
import { toPowerPlatformEnvironment } from '../mapping/powerPlatformEnvironments';
import type { MicrosoftConfig } from '../microsoftConfig';
import type { PowerPlatformApiClient } from '../powerPlatformApi/powerPlatformApiClient';

// The connection self-test over the Microsoft APIs: for each part a real deployment needs, one token
// and one cheap read, timed, and a fix in the admin's terms when it fails. Messages come from
// LifecycleErrors, which carry the service's code and never a token or a secret.

export interface DoctorParts {
  config: MicrosoftConfig;
  tokens: AccessTokens;
  /** The bot's own token (Bot Framework), from its app id and password; null when MicrosoftAppId is empty. */
  botToken: (() => Promise<string>) | null;
  credentials: RequestCredentials;
  bap: BapClient;
  powerPlatformApi: PowerPlatformApiClient;
  graph: GraphClient;
  dataverse: DataverseClient;
  lcs: LcsClient;
}

/** The registration call on the configured cloud's BAP host (the Terraform provider's admin_management_application client). */
const MANAGEMENT_APP_FIX = (appId: string, bapUrl: string) =>
  `Register the app as a Power Platform management application, once, as a Power Platform administrator: PUT ${bapUrl}/providers/Microsoft.BusinessAppPlatform/adminApplications/${appId}?api-version=2020-10-01 (PowerShell: New-PowerAppManagementApp -ApplicationId ${appId}).`;
const CREDENTIALS_FIX = 'Check MICROSOFT_TENANT_ID, MICROSOFT_CLIENT_ID and the client secret (or certificate) of the app registration, and that admin consent was granted.';
const DATAVERSE_PARALLELISM = 4;

interface Attempt {
  detail: string;
  outcome?: ConnectionOutcome;
}

export class MicrosoftDoctor implements ConnectionDoctor {
  constructor(private readonly parts: DoctorParts) {}

  async run(request: ConnectionDoctorRequest = {}): Promise<ConnectionReport> {
    const { config } = this.parts;
    const checks: ConnectionCheck[] = [];
    checks.push(await this.botFramework());
    const environments = await this.check(checks, 'Power Platform admin API (BAP)', MANAGEMENT_APP_FIX(config.clientId, config.bap.url), async () => {
      await this.parts.tokens.forApp(config.bap.scope);
      const list = await this.parts.bap.listEnvironments();
      return { detail: `${list.length} environment${list.length === 1 ? '' : 's'} read`, value: list.map(toPowerPlatformEnvironment) };
    });
    await this.check(checks, 'Power Platform API', MANAGEMENT_APP_FIX(config.clientId, config.bap.url), async () => {
      await this.parts.tokens.forApp(config.powerPlatformApi.scope);
      const capacity = await this.parts.powerPlatformApi.tenantCapacity();
      return { detail: `tenant capacity read (${capacity.tenantCapacities.length} capacity types)`, value: null };
    });
    await this.graphChecks(checks);
    if (environments) await this.dataverseChecks(checks, environments);
    else checks.push({ name: 'Dataverse', outcome: 'skipped', detail: 'the environments could not be listed, so no Dataverse environment could be tried', fix: 'Fix the Power Platform admin API first, then run the self-test again.', latencyMs: null });
    await this.lcsChecks(checks, request.signedInObjectId);
    return { checks };
  }

  private async botFramework(): Promise<ConnectionCheck> {
    const name = 'Bot Framework (the bot’s own app id and secret)';
    if (!this.parts.botToken) {
      return { name, outcome: 'missing', detail: 'MicrosoftAppId is empty, so Teams cannot reach the bot', fix: 'Set MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId from the Azure Bot’s app registration.', latencyMs: null };
    }
    const botToken = this.parts.botToken;
    const result: ConnectionCheck[] = [];
    await this.check(result, name, 'Check MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId against the Azure Bot’s app registration (a secret may have expired).', async () => {
      await botToken();
      return { detail: 'token for the Bot Framework obtained', value: null };
    });
    return result[0]!;
  }

  private async graphChecks(checks: ConnectionCheck[]): Promise<void> {
    const { graph, tokens, config } = this.parts;
    const userId = await this.check(checks, 'Microsoft Graph: users (User.Read.All)', `Grant the application permission User.Read.All on Microsoft Graph to the app, then admin consent. ${CREDENTIALS_FIX}`, async () => {
      await tokens.forApp(config.graph.scope);
      const id = await graph.anyUserId();
      return { detail: id ? 'users and licences can be read' : 'the directory returned no user', value: id };
    });
    if (!userId) return;
    await this.check(checks, 'Microsoft Graph: admin roles (RoleManagement.Read.Directory)', 'Grant the application permission RoleManagement.Read.Directory on Microsoft Graph, then admin consent.', async () => {
      await graph.roleDefinitionIds(userId);
      return { detail: 'directory role assignments can be read', value: null };
    });
    await this.check(
      checks,
      'Microsoft Graph: role-assignable groups (GroupMember.Read.All)',
      'Grant GroupMember.Read.All on Microsoft Graph: without it, admin roles held through role-assignable groups are not seen.',
      async () => {
        await graph.roleAssignableGroupIds(userId);
        return { detail: 'group memberships can be read', value: null };
      },
      'warning',
    );
    await this.check(
      checks,
      'Microsoft Graph: organization (Organization.Read.All)',
      'Grant Organization.Read.All on Microsoft Graph: without it the tenant is shown by its id.',
      async () => {
        const organization = await graph.organization();
        return { detail: `tenant ${organization?.displayName ?? '(no name)'} read`, value: null };
      },
      'warning',
    );
  }

  /** Every Dataverse environment: the application user is needed where a link is to be verified. */
  private async dataverseChecks(checks: ConnectionCheck[], environments: PowerPlatformEnvironment[]): Promise<void> {
    const withDataverse = environments.filter((e) => e.instanceUrl);
    const results: ConnectionCheck[][] = withDataverse.map(() => []);
    await forEachBounded(withDataverse.map((environment, index) => ({ environment, index })), DATAVERSE_PARALLELISM, async ({ environment, index }) => {
      const linked = environment.linkedApp !== null;
      await this.check(
        results[index]!,
        `Dataverse in ${environment.displayName}`,
        `Add the app as an application user with a security role that can read users and security roles: Power Platform admin center › Environments › ${environment.displayName} › Settings › Users + permissions › Application users.`,
        async () => {
          const answer = await this.parts.dataverse.integrationDetails(environment.instanceUrl!);
          return { detail: answer.linked ? `application user works; linked to finance and operations ${answer.Id}` : 'application user works; not linked to finance and operations', value: null };
        },
        linked ? 'missing' : 'warning',
      );
    });
    checks.push(...results.flat());
  }

  /** LCS answers only on behalf of a person: tried with the admin's own sign-in, per configured project. */
  private async lcsChecks(checks: ConnectionCheck[], objectId: string | undefined): Promise<void> {
    const { config, credentials, lcs } = this.parts;
    let token;
    try {
      if (!objectId) throw new LifecycleError('Unauthorized', 'no person', 'UserSignInRequired');
      token = await credentials.user(config.lcs.scope, 'Checking LCS project access', objectId);
    } catch (error) {
      if (!isSignInMissing(error)) throw error;
      checks.push({
        name: 'LCS (on behalf of a signed-in admin)',
        outcome: 'skipped',
        detail: objectId ? 'you are not signed in, so LCS could not be tried' : 'LCS answers only on behalf of a signed-in person, which a command line is not',
        fix: objectId ? 'Type signin, then doctor again.' : 'Type doctor to the bot in Teams as an admin to try LCS with your own sign-in.',
        latencyMs: null,
      });
      return;
    }
    for (const project of config.lcs.projects) {
      await this.check(checks, `LCS project ${project.name} (${project.id})`, `Make the admin Project owner or Environment manager of LCS project ${project.id}, accept the invitation, and check MICROSOFT_LCS_URL is the project's region (${config.lcs.url}).`, async () => {
        await token(); // the on-behalf-of exchange itself: a refusal here names its AADSTS code
        const canRead = await lcs.canReadProject(project.id, token);
        return canRead ? { detail: 'environments can be read on your behalf', value: null } : { detail: 'LCS refused access to the project on your behalf', outcome: 'missing', value: null };
      });
    }
  }

  /** Runs one check, timed; a refusal becomes `failure` with the fix. Resolves with the read value (null on failure). */
  private async check<T>(
    checks: ConnectionCheck[],
    name: string,
    fix: string,
    attempt: () => Promise<Attempt & { value: T }>,
    failure: ConnectionOutcome = 'missing',
  ): Promise<T | null> {
    const started = performance.now();
    try {
      const result = await attempt();
      const outcome = result.outcome ?? 'ok';
      checks.push({ name, outcome, detail: result.detail, ...(outcome === 'ok' ? {} : { fix }), latencyMs: performance.now() - started });
      return outcome === 'ok' ? result.value : null;
    } catch (error) {
      if (!(error instanceof LifecycleError)) throw error;
      const fixFor = error.code === 'Unauthorized' && /sign-in service/.test(error.message) ? `${CREDENTIALS_FIX} ${fix}` : fix;
      checks.push({ name, outcome: failure, detail: error.message, fix: fixFor, latencyMs: performance.now() - started });
      return null;
    }
  }
}
