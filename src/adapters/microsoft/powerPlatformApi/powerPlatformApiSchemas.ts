import { z } from 'zod';
import { eachValid } from '../http/eachValid';

// The Power Platform API's shapes (docs/sources.md, API §4): tenant capacity and the
// environmentmanagement operations. Unknown fields pass through; statuses are plain strings.

export const tenantCapacitySchema = z
  .object({
    tenantCapacities: eachValid(
      z
        .object({
          capacityType: z.string(),
          totalCapacity: z.number().nullish().transform((value) => value ?? 0),
          consumption: z.object({ actual: z.number().nullish().transform((value) => value ?? 0), rated: z.number().nullish() }).passthrough().nullish(),
        })
        .passthrough(),
    )
      .optional()
      .transform((capacities) => capacities ?? []),
  })
  .passthrough();
export type TenantCapacity = z.infer<typeof tenantCapacitySchema>;

const errorDetailSchema = z
  .object({
    code: z.string().nullish(),
    message: z.string().nullish(),
    fieldErrors: z
      .record(z.object({ errorMessages: z.array(z.string()).nullish().transform((messages) => messages ?? []) }).passthrough())
      .nullish()
      .catch(undefined),
  })
  .passthrough();
export type PpErrorDetail = z.infer<typeof errorDetailSchema>;

export const operationExecutionResultSchema = z
  .object({
    operationId: z.string().nullish(),
    name: z.string().nullish(),
    /** OperationStatus: Queued, InProgress, Succeeded, ValidationFailed, Failed, NoOperation, ValidationPassed. */
    status: z.string(),
    startTime: z.string().nullish(),
    endTime: z.string().nullish(),
    // An error in an unexpected shape must not hide that the operation failed.
    errorDetail: errorDetailSchema.nullish().catch(null),
    stageStatuses: eachValid(
      z
        .object({
          name: z.string(),
          /** StepExecutionStatus: Succeeded, Failed, Skipped, Postponed, InProgress, NotStarted. */
          status: z.string(),
          startTime: z.string().nullish(),
          endTime: z.string().nullish(),
          errorDetail: errorDetailSchema.nullish().catch(null),
        })
        .passthrough(),
    )
      .nullish()
      .transform((stages) => stages ?? []),
  })
  .passthrough();
export type OperationExecutionResult = z.infer<typeof operationExecutionResultSchema>;

export const ppBackupSchema = z
  .object({ id: z.string(), label: z.string().nullish(), backupPointDateTime: z.string().nullish() })
  .passthrough();

/**
 * What a ValidateOnly request answers. Learn documents `ValidationResponse` (`{errorDetail:{code,
 * fieldErrors}}`, 400 when the request would fail, 202 when it would start); an
 * OperationExecutionResult with `status: ValidationFailed` has been seen too. Either refuses.
 */
export const validationAnswerSchema = z
  .object({ status: z.string().nullish(), errorDetail: errorDetailSchema.nullish().catch(null) })
  .passthrough()
  .nullish()
  .catch(null);

/** A 202's body may name the operation instead of (or besides) a follow-up header (UNVERIFIED which). */
export const acceptedSchema = z.object({ operationId: z.string().optional() }).passthrough().optional();

/**
 * A page of an environment's operations: `{collection:[…], continuationToken}` as docs/sources.md (API facts)
 * §4 records it (`value` is read too). Items in an unusable shape are left out.
 */
export const operationListSchema = z
  .object({ collection: z.array(z.unknown()).optional(), value: z.array(z.unknown()).optional(), continuationToken: z.string().nullish() })
  .passthrough()
  .transform((page) => ({
    continuationToken: page.continuationToken ?? null,
    operations: (page.collection ?? page.value ?? []).flatMap((item): OperationExecutionResult[] => {
      const parsed = operationExecutionResultSchema.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    }),
  }));
