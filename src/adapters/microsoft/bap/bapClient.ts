import { LifecycleError } from '../../../domain/ports/lifecyclePort';
import type { TokenSource } from '../auth/delegatedAccess';
import { followUpUrl } from '../http/followUp';
import { nullIfNotFound } from '../http/nullIfNotFound';
import { parseBody } from '../http/parseBody';
import type { ServiceHttp } from '../http/serviceHttp';
import {
  bapBackupSchema,
  bapEnvironmentListSchema,
  bapEnvironmentSchema,
  environmentTemplatesSchema,
  lifecycleOperationListSchema,
  lifecycleOperationSchema,
  tenantSettingsSchema,
  type BapEnvironment,
  type EnvironmentTemplate,
  type LifecycleOperation,
} from './bapSchemas';

// The Power Platform admin API (BAP): environments, tenant settings, templates, lifecycle operations
// and the Dataverse half of backup, restore and copy. Paths and api-versions per microsoft-apis.md §3.

const PROVIDER = '/providers/Microsoft.BusinessAppPlatform';
const EXPAND = '$expand=permissions,properties.capacity,properties/billingPolicy';

/** What a backup, restore or copy request left behind: a finished backup, or an operation to poll. */
export type BapStarted = { kind: 'finished'; backupId: string; backupPointDateTime: string | null } | { kind: 'polling'; pollUrl: string };

/** One poll of an operation: its state, or `gone` when BAP no longer knows it (TF: treat as finished). */
export type BapPoll = { kind: 'state'; operation: LifecycleOperation | null } | { kind: 'gone' };

export class BapClient {
  constructor(
    private readonly http: ServiceHttp,
    private readonly baseUrl: string,
    private readonly token: TokenSource,
  ) {}

  private url(path: string, query: string): string {
    return `${this.baseUrl}${PROVIDER}${path}?${query}`;
  }

  private async get(path: string, query: string, what: string): Promise<unknown> {
    const response = await this.http.send({ method: 'GET', url: this.url(path, query), token: this.token, idempotent: true, what });
    return response.body;
  }

  async listEnvironments(): Promise<BapEnvironment[]> {
    const what = 'listing environments';
    const body = await this.get('/scopes/admin/environments', `api-version=2023-06-01&${EXPAND}`, what);
    return parseBody(bapEnvironmentListSchema, body, this.http.service, what).value;
  }

  async getEnvironment(id: string): Promise<BapEnvironment | null> {
    const what = `reading environment ${id}`;
    const body = await nullIfNotFound(this.get(`/scopes/admin/environments/${encodeURIComponent(id)}`, `api-version=2023-06-01&${EXPAND}`, what));
    return body === null ? null : parseBody(bapEnvironmentSchema, body, this.http.service, what);
  }

  async listTenantSettings(): Promise<{ disableEnvironmentCreationByNonAdminUsers: boolean }> {
    const what = 'reading the tenant settings';
    // A POST that only reads (documented so), hence safe to repeat.
    const response = await this.http.send({ method: 'POST', url: this.url('/listTenantSettings', 'api-version=2023-06-01'), token: this.token, idempotent: true, what, body: {} });
    return parseBody(tenantSettingsSchema, response.body, this.http.service, what);
  }

  async listEnvironmentTemplates(location: string): Promise<EnvironmentTemplate[]> {
    const what = `listing the environment templates of ${location}`;
    const body = await this.get(`/locations/${encodeURIComponent(location)}/environmentTemplates`, 'api-version=2021-07-01', what);
    return parseBody(environmentTemplatesSchema, body, this.http.service, what);
  }

  /** Newest first, as BAP returns them. */
  async listLifecycleOperations(environmentId: string): Promise<LifecycleOperation[]> {
    const what = `listing the lifecycle operations of ${environmentId}`;
    const filter = encodeURIComponent(`environment eq '${environmentId.replace(/'/g, "''")}'`);
    const body = await this.get('/lifecycleOperations', `api-version=2024-05-01&$filter=${filter}`, what);
    return parseBody(lifecycleOperationListSchema, body, this.http.service, what).value;
  }

  async getLifecycleOperation(operationId: string): Promise<LifecycleOperation | null> {
    const what = `reading lifecycle operation ${operationId}`;
    const body = await nullIfNotFound(this.get(`/lifecycleOperations/${encodeURIComponent(operationId)}`, 'api-version=2024-05-01', what));
    return body === null ? null : parseBody(lifecycleOperationSchema, body, this.http.service, what);
  }

  async createBackup(environmentId: string, label: string): Promise<BapStarted> {
    const what = `backing up environment ${environmentId}`;
    const response = await this.http.send({
      method: 'POST',
      url: this.url(`/environments/${encodeURIComponent(environmentId)}/backups`, 'api-version=2019-05-01'),
      token: this.token,
      idempotent: false,
      what,
      body: { label, notes: 'Requested through PPI Assistant' },
    });
    if (response.status === 202) return this.polling(response.headers, what);
    const backup = parseBody(bapBackupSchema, response.body, this.http.service, what);
    return { kind: 'finished', backupId: backup.id, backupPointDateTime: backup.backupPointDateTime ?? null };
  }

  async restoreTo(targetEnvironmentId: string, body: Record<string, unknown>): Promise<BapStarted> {
    return this.startPolled(`/environments/${encodeURIComponent(targetEnvironmentId)}/restoreTo`, `restoring into environment ${targetEnvironmentId}`, body);
  }

  async copyTo(targetEnvironmentId: string, body: Record<string, unknown>): Promise<BapStarted> {
    return this.startPolled(`/environments/${encodeURIComponent(targetEnvironmentId)}/copyTo`, `copying into environment ${targetEnvironmentId}`, body);
  }

  /** 200: the final state; 202: still running (the body may carry the state); 409: busy; 404: gone. */
  async poll(pollUrl: string): Promise<BapPoll> {
    const what = 'following a lifecycle operation';
    try {
      const response = await this.http.send({ method: 'GET', url: pollUrl, token: this.token, idempotent: true, what });
      const parsed = lifecycleOperationSchema.safeParse(response.body);
      return { kind: 'state', operation: parsed.success ? parsed.data : null };
    } catch (error) {
      if (!(error instanceof LifecycleError)) throw error;
      if (error.code === 'NotFound') return { kind: 'gone' };
      if (error.code === 'OperationNotStartable') return { kind: 'state', operation: null };
      throw error;
    }
  }

  private async startPolled(path: string, what: string, body: Record<string, unknown>): Promise<BapStarted> {
    const response = await this.http.send({ method: 'POST', url: this.url(path, 'api-version=2019-05-01'), token: this.token, idempotent: false, what, body });
    return this.polling(response.headers, what);
  }

  private polling(headers: Headers, what: string): BapStarted {
    const pollUrl = followUpUrl(headers, this.baseUrl, this.http.service);
    if (!pollUrl) throw new LifecycleError('Unavailable', `${this.http.service} accepted ${what} but gave no Location or Operation-Location to follow it.`);
    return { kind: 'polling', pollUrl };
  }
}
