import { z } from 'zod';
import { eachValid } from '../http/eachValid';

// Dataverse Web API shapes (docs/sources.md, API §2): the F&O integration details and the user's
// security roles. Unknown fields (annotations, IsUnifiedDatabase…) pass through.

export const integrationDetailsSchema = z.object({ Url: z.string(), TenantId: z.string(), Id: z.string() }).passthrough();

export const systemUsersSchema = z
  .object({ value: eachValid(z.object({ systemuserid: z.string(), isdisabled: z.boolean().optional() }).passthrough()) })
  .passthrough();

export const userRolesSchema = z
  .object({
    value: eachValid(
      z.object({ name: z.string(), roleid: z.string(), _roletemplateid_value: z.string().nullish() }).passthrough(),
    ),
  })
  .passthrough();
export type DataverseRole = z.infer<typeof userRolesSchema>['value'][number];

export const teamsSchema = z.object({ value: eachValid(z.object({ teamid: z.string() }).passthrough()) }).passthrough();
