import { z } from 'zod';
import { eachValid } from '../http/eachValid';

// LCS API shapes (docs/sources.md, API §5). Every answer is an envelope — `IsSuccess`,
// `OperationActivityId`, `ErrorMessage` — around the payload, and arrives with HTTP 200 even when
// the request failed, so `IsSuccess` is what counts. Enum-like values stay plain strings.

const id = z.union([z.string(), z.number()]).transform(String);

/**
 * LCS writes UTC times without an offset (`2021-07-11T00:01:57.423`, as d365fo.tools'
 * Get-D365LcsEnvironmentHistory shows them); JavaScript would read those as local time, which moves
 * the 24-hour quota window by the server's offset. An offset is added when none is given.
 */
export function lcsUtc(value: string): string {
  const trimmed = value.trim();
  return /(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed) || !/T\d{2}:\d{2}/.test(trimmed) ? trimmed : `${trimmed}Z`;
}
const utcTime = z.string().nullish().transform((value) => (value ? lcsUtc(value) : value));

export const envelopeSchema = z
  .object({ IsSuccess: z.boolean(), OperationActivityId: z.string().nullish(), ErrorMessage: z.string().nullish() })
  .passthrough();

export const lcsEnvironmentSchema = z
  .object({
    EnvironmentId: z.string(),
    EnvironmentName: z.string(),
    ProjectId: id.nullish(),
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
    Data: eachValid(item).nullish().transform((data) => data ?? []),
    ResultPageCurrent: z.number().optional(),
    ResultHasMorePages: z.boolean().default(false),
  });

export const historyEntrySchema = z
  .object({
    Name: z.string().nullish(),
    Type: z.string().nullish(),
    TypeDisplay: z.string().nullish(),
    StartDateTimeUtc: utcTime,
    EndDateTimeUtc: utcTime,
    Status: z.string().nullish(),
    ActivityId: z.string().nullish(),
  })
  .passthrough();
export type LcsHistoryEntry = z.infer<typeof historyEntrySchema>;

export const operationStatusSchema = envelopeSchema.extend({
  /** NotStarted, InProgress, Completed, Failed, SignedOff, Aborted, RollbackInProgress, RollbackFailed, RollbackCompleted. */
  OperationStatus: z.string(),
  CompletionDate: utcTime,
});
export type LcsOperationStatus = z.infer<typeof operationStatusSchema>;
