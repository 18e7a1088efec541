import { LifecycleError, NOT_INTEGRATED_CODE } from '../../../domain/ports/lifecyclePort';
import type { VerificationResult } from '../../../domain/model';
import type { RequestCredentials } from '../auth/delegatedAccess';
import { parseBody } from '../http/parseBody';
import type { ServiceHttp } from '../http/serviceHttp';
import { integrationDetailsSchema, systemUsersSchema, teamsSchema, userRolesSchema, type DataverseRole } from './dataverseSchemas';

// The Dataverse Web API of one environment at a time, addressed by its org URL
// (`linkedEnvironmentMetadata.instanceUrl`). The token scope is that URL's own origin — never an
// assumed `crm.` host, since orgs live on crm4, crm11… (Terraform provider internal/api/client.go).

const ODATA_HEADERS = { 'OData-MaxVersion': '4.0', 'OData-Version': '4.0' };

export class DataverseClient {
  constructor(
    private readonly http: ServiceHttp,
    private readonly credentials: RequestCredentials,
  ) {}

  private async get(instanceUrl: string, path: string, what: string): Promise<unknown> {
    const org = new URL(instanceUrl.endsWith('/') ? instanceUrl : `${instanceUrl}/`);
    const response = await this.http.send({
      method: 'GET',
      url: new URL(path, org).toString(),
      token: this.credentials.app(`${org.origin}/.default`),
      headers: ODATA_HEADERS,
      idempotent: true,
      what,
    });
    return response.body;
  }

  /**
   * RetrieveFinanceAndOperationsIntegrationDetails, at v9.2 like every other call here (as
   * d365bap.tools' Confirm-BapEnvironmentIntegration calls it). `0x80048d0b` means "not linked" for this call
   * only (it is a generic invalid-argument code elsewhere); every other refusal stays an error.
   */
  async integrationDetails(instanceUrl: string): Promise<VerificationResult> {
    const what = 'reading the finance and operations integration details';
    try {
      const body = await this.get(instanceUrl, 'api/data/v9.2/RetrieveFinanceAndOperationsIntegrationDetails', what);
      const details = parseBody(integrationDetailsSchema, body, this.http.service, what);
      return { linked: true, Url: details.Url, TenantId: details.TenantId, Id: details.Id };
    } catch (error) {
      if (error instanceof LifecycleError && error.serviceCode?.toLowerCase() === NOT_INTEGRATED_CODE) {
        return { linked: false, code: NOT_INTEGRATED_CODE, message: `Dataverse reports that this environment is not integrated with finance and operations (${NOT_INTEGRATED_CODE}).` };
      }
      throw error;
    }
  }

  /** The environment's user record for an Entra object id; null when the person is not a user there. */
  async systemUserId(instanceUrl: string, objectId: string): Promise<string | null> {
    const what = `looking up user ${objectId}`;
    const filter = encodeURIComponent(`azureactivedirectoryobjectid eq ${objectId}`);
    const body = await this.get(instanceUrl, `api/data/v9.2/systemusers?$filter=${filter}&$select=systemuserid,isdisabled`, what);
    const user = parseBody(systemUsersSchema, body, this.http.service, what).value.find((u) => u.isdisabled !== true);
    return user?.systemuserid ?? null;
  }

  /**
   * The security roles of the teams the user belongs to (`teammembership_association`, then each
   * team's `teamroles_association`): a role held through a team counts as the user's own.
   */
  async teamRoles(instanceUrl: string, systemUserId: string): Promise<DataverseRole[]> {
    const what = `reading the teams of user ${systemUserId}`;
    const body = await this.get(instanceUrl, `api/data/v9.2/systemusers(${encodeURIComponent(systemUserId)})/teammembership_association?$select=teamid`, what);
    const teams = parseBody(teamsSchema, body, this.http.service, what).value;
    const roles: DataverseRole[] = [];
    for (const team of teams) {
      const teamWhat = `reading the security roles of team ${team.teamid}`;
      const teamBody = await this.get(instanceUrl, `api/data/v9.2/teams(${encodeURIComponent(team.teamid)})/teamroles_association?$select=name,roleid,_roletemplateid_value`, teamWhat);
      roles.push(...parseBody(userRolesSchema, teamBody, this.http.service, teamWhat).value);
    }
    return roles;
  }

  async userRoles(instanceUrl: string, systemUserId: string): Promise<DataverseRole[]> {
    const what = `reading the security roles of user ${systemUserId}`;
    const body = await this.get(
      instanceUrl,
      `api/data/v9.2/systemusers(${encodeURIComponent(systemUserId)})/systemuserroles_association?$select=name,roleid,_roletemplateid_value`,
      what,
    );
    return parseBody(userRolesSchema, body, this.http.service, what).value;
  }
}
