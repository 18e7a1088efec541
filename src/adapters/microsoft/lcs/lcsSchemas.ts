import { z } from 'zod';

// LCS API shapes (microsoft-apis.md §5). Every answer is an envelope — `IsSuccess`,
// `OperationActivityId`, `ErrorMessage` — around the payload, and arrives with HTTP 200 even when
// the request failed, so `IsSuccess` is what counts. Enum-like values stay plain strings.

const id = z.union([z.string(), z.number()]).transform(String);

export const envelopeSchema = z
  .object({ IsSuccess: z.boolean(), OperationActivityId: z.string().nullish(), ErrorMessage: z.string().nullish() })
  .passthrough();

export const lcsEnvironmentSchema = z
  .object({
    EnvironmentId: z.string(),
    EnvironmentName: z.string(),
    ProjectId: id.optional(),
    /** `MicrosoftManaged` | `SelfService`; anything else is a customer's own subscription (cloud-hosted). */
    EnvironmentInfrastructure: z.string().nullish(),
    /** `Production` | `Sandbox`; other values are tier-1 / dev-test. */
    EnvironmentType: z.string().nullish(),
    EnvironmentEndpointBaseUrl: z.string().nullish(),
    DeploymentState: z.string().nullish(),
    DeploymentStatusDisplay: z.string().nullish(),
    CurrentApplicationBuildVersion: z.string().nullish(),
    CurrentPlatformVersion: z.string().nullish(),
    CloudStorageLocation: z.string().nullish(),
  })
  .passthrough();
export type LcsEnvironment = z.infer<typeof lcsEnvironmentSchema>;

export const pagedSchema = <T extends z.ZodTypeAny>(item: T) =>
  envelopeSchema.extend({
    Data: z.array(item).nullish().transform((data) => data ?? []),
    ResultPageCurrent: z.number().optional(),
    ResultHasMorePages: z.boolean().default(false),
  });

export const historyEntrySchema = z
  .object({
    Name: z.string().nullish(),
    Type: z.string().nullish(),
    StartDateTimeUtc: z.string().nullish(),
    EndDateTimeUtc: z.string().nullish(),
    Status: z.string().nullish(),
    ActivityId: z.string().nullish(),
  })
  .passthrough();
export type LcsHistoryEntry = z.infer<typeof historyEntrySchema>;

export const operationStatusSchema = envelopeSchema.extend({
  /** NotStarted, InProgress, Completed, Failed, SignedOff, Aborted, RollbackInProgress, RollbackFailed, RollbackCompleted. */
  OperationStatus: z.string(),
  CompletionDate: z.string().nullish(),
});
export type LcsOperationStatus = z.infer<typeof operationStatusSchema>;
