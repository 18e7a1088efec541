import { LifecycleError } from '../../../domain/ports/lifecyclePort';
import type { TokenSource } from '../auth/delegatedAccess';
import { followUpUrl, sameServiceUrl } from '../http/followUp';
import { nullIfNotFound } from '../http/nullIfNotFound';
import { parseBody } from '../http/parseBody';
import type { ServiceHttp } from '../http/serviceHttp';
import {
  bapBackupListSchema,
  bapBackupSchema,
  bapEnvironmentListSchema,
  bapEnvironmentSchema,
  environmentTemplatesSchema,
  lifecycleOperationListSchema,
  lifecycleOperationSchema,
  operationStateSchema,
  tenantSettingsSchema,
  type BapBackup,
  type BapEnvironment,
  type EnvironmentTemplate,
  type LifecycleOperation,
  type OperationState,
} from './bapSchemas';

// The Power Platform admin API (BAP): environments, tenant settings, templates, lifecycle operations
// and the Dataverse half of backup, restore and copy. Paths and api-versions as the Terraform
// provider and d365bap.tools call them (docs/sources.md, API §3).

const PROVIDER = '/providers/Microsoft.BusinessAppPlatform';
const EXPAND = '$expand=permissions,properties.capacity,properties/billingPolicy';
/** A guard against a service that never stops handing out next pages. */
const MAX_PAGES = 50;

/**
 * What a backup, restore or copy request left behind: a finished backup, an operation to poll, or —
 * when BAP accepted it without saying where to follow it — nothing to follow yet (the caller finds it).
 */
export type BapStarted =
  | { kind: 'finished'; backupId: string; backupPointDateTime: string | null }
  | { kind: 'polling'; pollUrl: string }
  | { kind: 'accepted' };

/**
 * One poll of an operation: `running` (HTTP 202, or 409 while busy) with whatever state the body
 * carried, `ended` (HTTP 200) with the final body, or `gone` when BAP no longer knows it.
 */
export type BapPoll =
  | { kind: 'running'; operation: OperationState | null }
  | { kind: 'ended'; operation: OperationState | null }
  | { kind: 'gone' };

export class BapClient {
  constructor(
    private readonly http: ServiceHttp,
    private readonly baseUrl: string,
    private readonly token: TokenSource,
  ) {}

  private url(path: string, query: string): string {
    return `${this.baseUrl}${PROVIDER}${path}?${query}`;
  }

  private async getUrl(url: string, what: string): Promise<unknown> {
    const response = await this.http.send({ method: 'GET', url, token: this.token, idempotent: true, what });
    return response.body;
  }

  private get(path: string, query: string, what: string): Promise<unknown> {
    return this.getUrl(this.url(path, query), what);
  }

  /** Every page of a BAP list: `nextLink` is followed on BAP's own host only (it gets the token). */
  private async pages<T>(firstUrl: string, read: (body: unknown) => { value: T[]; nextLink?: string | null }, what: string): Promise<T[]> {
    const items: T[] = [];
    let url: string | null | undefined = firstUrl;
    for (let page = 0; url && page < MAX_PAGES; page += 1) {
      const body = read(await this.getUrl(url, what));
      items.push(...body.value);
      url = body.nextLink;
      if (url && !sameServiceUrl(url, this.baseUrl)) {
        throw new LifecycleError('Unavailable', `${this.http.service} gave a next page link off its own host while ${what}; not following it.`);
      }
    }
    return items;
  }

  async listEnvironments(): Promise<BapEnvironment[]> {
    const what = 'listing environments';
    return this.pages(this.url('/scopes/admin/environments', `api-version=2023-06-01&${EXPAND}`), (body) => parseBody(bapEnvironmentListSchema, body, this.http.service, what), what);
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

  /** The Terraform provider's `GetEnvironmentTemplatesByLocation`: `…/locations/{location}/templates`, 2023-06-01. */
  async listEnvironmentTemplates(location: string): Promise<EnvironmentTemplate[]> {
    const what = `listing the environment templates of ${location}`;
    const body = await this.get(`/locations/${encodeURIComponent(location)}/templates`, 'api-version=2023-06-01', what);
    return parseBody(environmentTemplatesSchema, body, this.http.service, what);
  }

  /** Newest first, as BAP returns them; every page. */
  async listLifecycleOperations(environmentId: string): Promise<LifecycleOperation[]> {
    const what = `listing the lifecycle operations of ${environmentId}`;
    const filter = encodeURIComponent(`environment eq '${environmentId.replace(/'/g, "''")}'`);
    return this.pages(this.url('/lifecycleOperations', `api-version=2024-05-01&$filter=${filter}`), (body) => parseBody(lifecycleOperationListSchema, body, this.http.service, what), what);
  }

  async getLifecycleOperation(operationId: string): Promise<LifecycleOperation | null> {
    const what = `reading lifecycle operation ${operationId}`;
    const body = await nullIfNotFound(this.get(`/lifecycleOperations/${encodeURIComponent(operationId)}`, 'api-version=2024-05-01', what));
    return body === null ? null : parseBody(lifecycleOperationSchema, body, this.http.service, what);
  }

  /** Where to poll one lifecycle operation by its id (for operations found in the list). */
  lifecycleOperationUrl(operationId: string): string {
    return this.url(`/lifecycleOperations/${encodeURIComponent(operationId)}`, 'api-version=2024-05-01');
  }

  /** The environment's backups (to find one a start accepted without naming it). */
  async listBackups(environmentId: string): Promise<BapBackup[]> {
    const what = `listing the backups of environment ${environmentId}`;
    const body = await this.get(`/environments/${encodeURIComponent(environmentId)}/backups`, 'api-version=2019-05-01', what);
    return parseBody(bapBackupListSchema, body, this.http.service, what).value;
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
    const backup = bapBackupSchema.safeParse(response.body);
    if (backup.success) return { kind: 'finished', backupId: backup.data.id, backupPointDateTime: backup.data.backupPointDateTime ?? null };
    return this.followUp(response.headers);
  }

  async restoreTo(targetEnvironmentId: string, body: Record<string, unknown>): Promise<BapStarted> {
    return this.startPolled(`/environments/${encodeURIComponent(targetEnvironmentId)}/restoreTo`, `restoring into environment ${targetEnvironmentId}`, body);
  }

  async copyTo(targetEnvironmentId: string, body: Record<string, unknown>): Promise<BapStarted> {
    return this.startPolled(`/environments/${encodeURIComponent(targetEnvironmentId)}/copyTo`, `copying into environment ${targetEnvironmentId}`, body);
  }

  /**
   * One GET of an Operation-Location. 202 means still running (the body may carry the state), 200
   * means BAP has finished with it, 409 means busy (running), 404 that it is gone — the Terraform
   * provider's `DoWaitForLifecycleOperationStatus` reads these the same way.
   */
  async poll(pollUrl: string): Promise<BapPoll> {
    const what = 'following a lifecycle operation';
    try {
      const response = await this.http.send({ method: 'GET', url: pollUrl, token: this.token, idempotent: true, what });
      const parsed = operationStateSchema.safeParse(response.body);
      const operation = parsed.success ? parsed.data : null;
      return response.status === 202 ? { kind: 'running', operation } : { kind: 'ended', operation };
    } catch (error) {
      if (!(error instanceof LifecycleError)) throw error;
      if (error.code === 'NotFound') return { kind: 'gone' };
      if (error.code === 'OperationNotStartable') return { kind: 'running', operation: null };
      throw error;
    }
  }

  private async startPolled(path: string, what: string, body: Record<string, unknown>): Promise<BapStarted> {
    const response = await this.http.send({ method: 'POST', url: this.url(path, 'api-version=2019-05-01'), token: this.token, idempotent: false, what, body });
    return this.followUp(response.headers);
  }

  /** Accepted: the URL to poll, or — without one — `accepted`, and the caller looks the operation up. */
  private followUp(headers: Headers): BapStarted {
    const pollUrl = followUpUrl(headers, this.baseUrl);
    return pollUrl ? { kind: 'polling', pollUrl } : { kind: 'accepted' };
  }
}
