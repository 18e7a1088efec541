import { z } from 'zod';

// The Power Platform admin (BAP) API's shapes, as documented in microsoft-apis.md §3 and the
// Terraform provider's fixtures. Only what the adapter reads is declared; everything else passes
// through. Enum-like values (SKU, states, link type) are plain strings so new values flow through.

const state = z.object({ id: z.string() }).passthrough();

export const bapEnvironmentSchema = z
  .object({
    id: z.string(),
    /** The environment id (GUID). */
    name: z.string(),
    /** Geography: `unitedstates`, `europe`… */
    location: z.string(),
    properties: z
      .object({
        displayName: z.string(),
        environmentSku: z.string().optional(),
        azureRegion: z.string().optional(),
        isDefault: z.boolean().optional(),
        provisioningState: z.string().optional(),
        states: z.object({ management: state.optional(), runtime: state.optional() }).passthrough().optional(),
        linkedEnvironmentMetadata: z
          .object({ instanceUrl: z.string().optional(), instanceState: z.string().optional() })
          .passthrough()
          .nullish(),
        linkedAppMetadata: z.object({ id: z.string(), type: z.string(), url: z.string() }).passthrough().nullish(),
        capacity: z
          .array(z.object({ capacityType: z.string(), actualConsumption: z.number().optional(), ratedConsumption: z.number().optional() }).passthrough())
          .optional(),
      })
      .passthrough(),
  })
  .passthrough();
export type BapEnvironment = z.infer<typeof bapEnvironmentSchema>;

export const bapEnvironmentListSchema = z.object({ value: z.array(bapEnvironmentSchema) }).passthrough();

export const tenantSettingsSchema = z
  .object({ disableEnvironmentCreationByNonAdminUsers: z.boolean().default(false) })
  .passthrough();

const templateSchema = z
  .object({
    name: z.string(),
    properties: z
      .object({
        isDisabled: z.boolean().default(false),
        disabledReason: z.object({ code: z.string(), message: z.string().optional() }).passthrough().optional(),
      })
      .passthrough(),
  })
  .passthrough();
export type EnvironmentTemplate = z.infer<typeof templateSchema>;

/**
 * Templates come grouped by environment SKU (`{production:[…], sandbox:[…], …}`, as in the Terraform
 * provider's fixture) or as `{value:[…]}`; either way every array of templates is read.
 */
export const environmentTemplatesSchema = z.record(z.unknown()).transform((groups) =>
  Object.values(groups)
    .filter(Array.isArray)
    .flat()
    .flatMap((item) => {
      const parsed = templateSchema.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    }),
);

const stageSchema = z
  .object({
    id: z.string().optional(),
    name: z.string().optional(),
    state: state.optional(),
    firstActionDateTime: z.string().nullish(),
    lastActionDateTime: z.string().nullish(),
  })
  .passthrough();

export const lifecycleOperationSchema = z
  .object({
    id: z.string(),
    links: z.object({ environment: z.object({ path: z.string() }).passthrough().optional() }).passthrough().optional(),
    type: z.object({ id: z.string() }).passthrough(),
    state: state,
    createdDateTime: z.string(),
    lastActionDateTime: z.string().nullish(),
    requestedBy: z.object({ id: z.string().optional(), displayName: z.string().optional() }).passthrough().optional(),
    stages: z.array(stageSchema).default([]),
    error: z.object({ code: z.string().optional(), message: z.string().optional() }).passthrough().nullish(),
  })
  .passthrough();
export type LifecycleOperation = z.infer<typeof lifecycleOperationSchema>;

export const lifecycleOperationListSchema = z.object({ value: z.array(lifecycleOperationSchema) }).passthrough();

/** A BAP backup as `POST …/backups` returns it (fields partly UNVERIFIED: id and label are required). */
export const bapBackupSchema = z
  .object({ id: z.string(), label: z.string().optional(), backupPointDateTime: z.string().optional() })
  .passthrough();
