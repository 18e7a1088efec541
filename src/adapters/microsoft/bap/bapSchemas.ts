import { z } from 'zod';
import { eachValid } from '../http/eachValid';

// The Power Platform admin (BAP) API's shapes, as documented in docs/sources.md, API §3 and the
// Terraform provider's fixtures. Only what the adapter reads is declared; everything else passes
// through. Enum-like values (SKU, states, link type) are plain strings so new values flow through.

const state = z.object({ id: z.string() }).passthrough();
/** A state object that may also be missing or null (a null where a value is optional must not drop the item). */
const maybeState = state.nullish().catch(undefined);

/** One entry of `lifecycleOperationsEnforcement` (Terraform provider fixtures: `{type:{id}, reason:{message,type}}`). */
const enforcedOperationSchema = z
  .object({
    type: z.object({ id: z.string() }).passthrough(),
    reason: z.object({ message: z.string().optional(), type: z.string().optional() }).passthrough().nullish(),
  })
  .passthrough();

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
        environmentSku: z.string().nullish(),
        azureRegion: z.string().nullish(),
        isDefault: z.boolean().nullish(),
        provisioningState: z.string().nullish(),
        states: z.object({ management: maybeState, runtime: maybeState }).passthrough().nullish(),
        linkedEnvironmentMetadata: z
          .object({ instanceUrl: z.string().nullish(), instanceState: z.string().nullish() })
          .passthrough()
          .nullish(),
        // Real tenants have links with no `url` or `type` (an initial environment mid-provisioning):
        // every field is optional, and a link without an id is read as no link.
        linkedAppMetadata: z.object({ id: z.string().nullish(), type: z.string().nullish(), url: z.string().nullish() }).passthrough().nullish(),
        lifecycleOperationsEnforcement: z
          .object({ allowedOperations: eachValid(enforcedOperationSchema).nullish(), disallowedOperations: eachValid(enforcedOperationSchema).nullish() })
          .passthrough()
          .nullish(),
        capacity: eachValid(z.object({ capacityType: z.string(), actualConsumption: z.number().nullish(), ratedConsumption: z.number().nullish() }).passthrough()).nullish(),
      })
      .passthrough(),
  })
  .passthrough();
export type BapEnvironment = z.infer<typeof bapEnvironmentSchema>;

/**
 * A page of environments. Items are read one by one: an environment in a shape the adapter cannot
 * use is left out rather than failing the whole list. `nextLink` names the next page.
 */
export const bapEnvironmentListSchema = z.object({ value: eachValid(bapEnvironmentSchema), nextLink: z.string().nullish() }).passthrough();

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
 * `GET …/locations/{location}/templates` (api-version 2023-06-01, the Terraform provider's
 * environment_templates client): templates grouped by environment SKU (`{production:[…],
 * sandbox:[…], …}`); every group is read.
 */
export const environmentTemplatesSchema = z.record(z.unknown()).transform((groups) =>
  Object.values(groups)
    .filter(Array.isArray)
    .flatMap((group) => eachValid(templateSchema).parse(group)),
);

const stageSchema = z
  .object({
    id: z.string().nullish(),
    name: z.string().nullish(),
    state: maybeState,
    firstActionDateTime: z.string().nullish(),
    lastActionDateTime: z.string().nullish(),
  })
  .passthrough();

/**
 * What a poll of an Operation-Location needs: the state, its stages, times and error. Read on its
 * own so a body missing the operation's type or links (or with null stages) still says how the
 * operation ended: a Failed state must never be lost to a shape problem elsewhere in the body.
 */
export const operationStateSchema = z
  .object({
    state: maybeState,
    // Absent on some operations (seen on restores polled through Operation-Location).
    createdDateTime: z.string().nullish(),
    lastActionDateTime: z.string().nullish(),
    stages: eachValid(stageSchema)
      .nullish()
      .transform((stages) => stages ?? []),
    error: z.object({ code: z.string().nullish(), message: z.string().nullish() }).passthrough().nullish().catch(undefined),
  })
  .passthrough();
export type OperationState = z.infer<typeof operationStateSchema>;

export const lifecycleOperationSchema = operationStateSchema.extend({
  id: z.string(),
  links: z.object({ environment: z.object({ path: z.string() }).passthrough().nullish() }).passthrough().nullish(),
  type: z.object({ id: z.string() }).passthrough(),
  requestedBy: z.object({ id: z.string().nullish(), displayName: z.string().nullish() }).passthrough().nullish(),
});
export type LifecycleOperation = z.infer<typeof lifecycleOperationSchema>;

export const lifecycleOperationListSchema = z.object({ value: eachValid(lifecycleOperationSchema), nextLink: z.string().nullish() }).passthrough();

/** A BAP backup as `POST …/backups` returns it (fields partly UNVERIFIED: id and label are required). */
export const bapBackupSchema = z
  .object({ id: z.string(), label: z.string().nullish(), backupPointDateTime: z.string().nullish() })
  .passthrough();

/** `GET …/backups`: the environment's backups, to find one a start did not name. */
export const bapBackupListSchema = z.object({ value: eachValid(bapBackupSchema) }).passthrough();
export type BapBackup = z.infer<typeof bapBackupSchema>;
