import { LifecycleError } from '../../../domain/ports/lifecyclePort';
import type { TokenSource } from '../auth/delegatedAccess';
import { followUpUrl } from '../http/followUp';
import { parseBody } from '../http/parseBody';
import { meaningOf, readFault } from '../http/serviceErrors';
import type { ServiceHttp } from '../http/serviceHttp';
import {
  acceptedSchema,
  operationExecutionResultSchema,
  operationListSchema,
  ppBackupSchema,
  tenantCapacitySchema,
  validationAnswerSchema,
  type OperationExecutionResult,
  type TenantCapacity,
} from './powerPlatformApiSchemas';

// The Power Platform API (api.powerplatform.com): tenant capacity, and backup / restore / copy with
// their operations (environmentmanagement, 2024-10-01). Restore is dry-run first with ValidateOnly,
// so a request the service would refuse fails before anything starts.

const ENVIRONMENT_MANAGEMENT_VERSION = 'api-version=2024-10-01';
const MAX_PAGES = 10;

/** How to follow an accepted request: the URL it gave, else the operation id, else nothing. */
export interface PpFollowUp {
  pollUrl: string | null;
  operationId: string | null;
}

export class PowerPlatformApiClient {
  constructor(
    private readonly http: ServiceHttp,
    private readonly baseUrl: string,
    private readonly token: TokenSource,
  ) {}

  async tenantCapacity(): Promise<TenantCapacity> {
    const what = 'reading the tenant capacity';
    const response = await this.http.send({
      method: 'GET',
      url: `${this.baseUrl}/licensing/tenantCapacity?api-version=2022-03-01-preview`,
      token: this.token,
      idempotent: true,
      what,
    });
    return parseBody(tenantCapacitySchema, response.body, this.http.service, what);
  }

  /** 201 with the backup: a backup is taken at once. */
  async createBackup(environmentId: string, label: string): Promise<{ id: string; backupPointDateTime: string | null }> {
    const what = `backing up environment ${environmentId}`;
    const response = await this.http.send({
      method: 'POST',
      url: this.environmentUrl(environmentId, 'backups'),
      token: this.token,
      idempotent: false,
      what,
      body: { label },
    });
    const backup = parseBody(ppBackupSchema, response.body, this.http.service, what);
    return { id: backup.id, backupPointDateTime: backup.backupPointDateTime ?? null };
  }

  async restore(targetEnvironmentId: string, body: Record<string, unknown>): Promise<PpFollowUp> {
    const what = `restoring into environment ${targetEnvironmentId}`;
    await this.validate(this.environmentUrl(targetEnvironmentId, 'restore'), body, what);
    return this.start(this.environmentUrl(targetEnvironmentId, 'restore'), body, what);
  }

  async copy(targetEnvironmentId: string, body: Record<string, unknown>): Promise<PpFollowUp> {
    return this.start(this.environmentUrl(targetEnvironmentId, 'copy'), body, `copying into environment ${targetEnvironmentId}`);
  }

  async operation(followUp: PpFollowUp): Promise<OperationExecutionResult> {
    const url = followUp.pollUrl ?? `${this.baseUrl}/environmentmanagement/operations/${encodeURIComponent(followUp.operationId ?? '')}?${ENVIRONMENT_MANAGEMENT_VERSION}`;
    const what = `reading operation ${followUp.operationId ?? url}`;
    const response = await this.http.send({ method: 'GET', url, token: this.token, idempotent: true, what });
    return parseBody(operationExecutionResultSchema, response.body, this.http.service, what);
  }

  /**
   * The environment's operations (`GET …/environments/{id}/operations`, Learn: Environment
   * Management › Get operations by environment), every page the continuation token leads to.
   */
  async listOperations(environmentId: string): Promise<OperationExecutionResult[]> {
    const what = `listing the operations of environment ${environmentId}`;
    const operations: OperationExecutionResult[] = [];
    let continuation: string | null | undefined = null;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const query = continuation ? `&continuationToken=${encodeURIComponent(continuation)}` : '';
      const response = await this.http.send({ method: 'GET', url: `${this.environmentUrl(environmentId, 'operations')}${query}`, token: this.token, idempotent: true, what });
      const list = parseBody(operationListSchema, response.body, this.http.service, what);
      operations.push(...list.operations);
      continuation = list.continuationToken;
      if (!continuation) break;
    }
    return operations;
  }

  private environmentUrl(environmentId: string, action: string): string {
    return `${this.baseUrl}/environmentmanagement/environments/${encodeURIComponent(environmentId)}/${action}?${ENVIRONMENT_MANAGEMENT_VERSION}`;
  }

  /** ValidateOnly=true: the service checks the request and starts nothing; a refusal in any documented shape stops here. */
  private async validate(url: string, body: Record<string, unknown>, what: string): Promise<void> {
    const response = await this.http.send({ method: 'POST', url: `${url}&ValidateOnly=true`, token: this.token, idempotent: true, what: `checking ${what}`, body });
    const answer = validationAnswerSchema.parse(response.body);
    const detail = answer?.errorDetail;
    const refused = answer?.status === 'ValidationFailed' || !!detail?.code || Object.keys(detail?.fieldErrors ?? {}).length > 0;
    if (refused) {
      const fault = readFault({ errorDetail: detail ?? {} });
      throw new LifecycleError(
        meaningOf(fault.code, 'InvalidRequest'),
        `${this.http.service} would refuse ${what}: ${[fault.code, fault.message].filter(Boolean).join(': ') || 'validation failed'}.`,
        fault.code ?? 'ValidationFailed',
      );
    }
  }

  /** Accepted: where to follow it — possibly nothing, and then the caller finds it in the operation list. */
  private async start(url: string, body: Record<string, unknown>, what: string): Promise<PpFollowUp> {
    const response = await this.http.send({ method: 'POST', url, token: this.token, idempotent: false, what, body });
    const pollUrl = followUpUrl(response.headers, this.baseUrl);
    const operationId = acceptedSchema.safeParse(response.body).data?.operationId ?? null;
    return { pollUrl, operationId };
  }
}
