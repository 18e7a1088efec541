import { z } from 'zod';
import { eachValid } from '../http/eachValid';

// Microsoft Graph v1.0 shapes (docs/sources.md, API §6): the user, their directory role assignments and
// licence details, and the organization. Collections page with `@odata.nextLink`.

export const graphUserSchema = z.object({ id: z.string(), displayName: z.string().nullish(), userPrincipalName: z.string().nullish() }).passthrough();

export const collectionSchema = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ value: eachValid(item), '@odata.nextLink': z.string().nullish() }).passthrough();

export const roleAssignmentSchema = z.object({ principalId: z.string().optional(), roleDefinitionId: z.string() }).passthrough();

export const licenseDetailSchema = z.object({ skuId: z.string().optional(), skuPartNumber: z.string() }).passthrough();

export const organizationSchema = z.object({ id: z.string(), displayName: z.string().nullish(), countryLetterCode: z.string().nullish() }).passthrough();

export const groupSchema = z.object({ id: z.string(), isAssignableToRole: z.boolean().nullish() }).passthrough();
