import type { z } from 'zod';
import { LifecycleError } from '../../../domain/ports/lifecyclePort';
import type { TokenSource } from '../auth/delegatedAccess';
import { nullIfNotFound } from '../http/nullIfNotFound';
import { parseBody } from '../http/parseBody';
import type { ServiceHttp } from '../http/serviceHttp';
import { collectionSchema, graphUserSchema, groupSchema, licenseDetailSchema, organizationSchema, roleAssignmentSchema } from './graphSchemas';

// Microsoft Graph with app permissions: User.Read.All (user, licence details),
// RoleManagement.Read.Directory (role assignments), GroupMember.Read.All (role-assignable groups)
// and Organization.Read.All (tenant name, country).

const MAX_PAGES = 20;

export class GraphClient {
  constructor(
    private readonly http: ServiceHttp,
    private readonly baseUrl: string,
    private readonly token: TokenSource,
  ) {}

  private async get(url: string, what: string): Promise<unknown> {
    return (await this.http.send({ method: 'GET', url, token: this.token, idempotent: true, what })).body;
  }

  /** Every page of a collection; a next link off Graph's own host is not followed (it would carry the token). */
  private async collection<T extends z.ZodTypeAny>(path: string, item: T, what: string): Promise<z.infer<T>[]> {
    const schema = collectionSchema(item);
    const items: z.infer<T>[] = [];
    let url: string | null | undefined = `${this.baseUrl}${path}`;
    for (let page = 0; url && page < MAX_PAGES; page += 1) {
      const body: { value: z.infer<T>[]; '@odata.nextLink'?: string | null } = parseBody(schema, await this.get(url, what), this.http.service, what);
      items.push(...body.value);
      url = body['@odata.nextLink'];
      if (url && !url.startsWith(`${this.baseUrl}/`)) {
        throw new LifecycleError('Unavailable', `${this.http.service} gave a next page link off its own host while ${what}; not following it.`);
      }
    }
    return items;
  }

  async user(objectId: string): Promise<z.infer<typeof graphUserSchema> | null> {
    const what = `reading user ${objectId}`;
    const body = await nullIfNotFound(this.get(`${this.baseUrl}/v1.0/users/${encodeURIComponent(objectId)}?$select=id,displayName,userPrincipalName`, what));
    return body === null ? null : parseBody(graphUserSchema, body, this.http.service, what);
  }

  /** Some user's id, or null in an empty directory: the self-test's cheap proof that users can be read. */
  async anyUserId(): Promise<string | null> {
    const what = 'reading a user';
    const body = parseBody(collectionSchema(graphUserSchema), await this.get(`${this.baseUrl}/v1.0/users?$top=1&$select=id`, what), this.http.service, what);
    return body.value[0]?.id ?? null;
  }

  /** Role definition ids (for built-in roles, the role template ids) assigned to a user or a group. */
  async roleDefinitionIds(principalId: string): Promise<string[]> {
    const filter = encodeURIComponent(`principalId eq '${principalId.replace(/'/g, "''")}'`);
    const assignments = await this.collection(`/v1.0/roleManagement/directory/roleAssignments?$filter=${filter}`, roleAssignmentSchema, `reading the directory roles of ${principalId}`);
    return assignments.map((assignment) => assignment.roleDefinitionId);
  }

  /**
   * The role-assignable groups the user is a direct member of: Entra admin roles can be held through
   * them, and such groups cannot be nested, so direct membership is all there is (Learn: "Use
   * Microsoft Entra groups to manage role assignments"). Needs GroupMember.Read.All.
   */
  async roleAssignableGroupIds(objectId: string): Promise<string[]> {
    const groups = await this.collection(
      `/v1.0/users/${encodeURIComponent(objectId)}/memberOf/microsoft.graph.group?$select=id,isAssignableToRole`,
      groupSchema,
      `reading the groups of ${objectId}`,
    );
    return groups.filter((group) => group.isAssignableToRole === true).map((group) => group.id);
  }

  async skuPartNumbers(objectId: string): Promise<string[]> {
    const details = await this.collection(`/v1.0/users/${encodeURIComponent(objectId)}/licenseDetails`, licenseDetailSchema, `reading the licences of ${objectId}`);
    return details.map((detail) => detail.skuPartNumber);
  }

  async organization(): Promise<z.infer<typeof organizationSchema> | null> {
    const organizations = await this.collection('/v1.0/organization?$select=id,displayName,countryLetterCode', organizationSchema, 'reading the organization');
    return organizations[0] ?? null;
  }
}
