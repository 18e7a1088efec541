import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import { newDownloadToken, tokenMatches, type DownloadedFile, type DownloadFormat } from '../downloads';
import { buildHandoffBundle } from '../domain/handoffBundle';
import { scrubSecrets } from '../domain/secretScrubber';
import { causeStillPresent } from '../domain/resumeCheck';
import {
  confidenceStatement,
  describeEntry,
  environmentMentions,
  hostOf,
  triageOperation,
  triageText,
  type OperationTriageResult,
  type TriageResult,
} from '../domain/triage';
import { LifecycleError, type LifecyclePort } from '../domain/ports/lifecyclePort';
import { gatherTriageFacts } from '../domain/triage/triageFacts';
import type { Operation, PersonRef } from '../domain/model';
import type { Store } from '../storage/port';

// Runs a triage and keeps it: the hand-off bundle and "Notify admins" refer to exactly what was
// found. Pasted text is scrubbed of credentials before it is analysed, stored or shown.

export const TRIAGE_NAMESPACE = 'triage';

export interface StoredTriage {
  id: string;
  source: 'operation' | 'text';
  operation: Operation | null;
  /** Scrubbed pasted text (text triage only). */
  pastedText: string | null;
  result: TriageResult | OperationTriageResult;
  environment: {
    fno: { id: string; name: string; region: string } | null;
    pp: { id: string; name: string; instanceUrl: string | null; geography: string } | null;
  };
  tenantId: string | null;
  createdBy: PersonRef;
  createdAt: string;
  downloadToken: string;
}

export function isOperationTriage(result: TriageResult | OperationTriageResult): result is OperationTriageResult {
  return 'checkedFacts' in result;
}

export class TriageService {
  constructor(
    private readonly port: LifecyclePort,
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Triage of a known operation: its data and the environment's current facts. Null when unknown. */
  async triageOperation(operationId: string, by: PersonRef): Promise<StoredTriage | null> {
    const operation = await this.port.getOperation(operationId);
    if (!operation) return null;
    const facts = await gatherTriageFacts(this.port, operation);
    const result = triageOperation({ operation, facts, now: this.clock.now() });
    const stored = this.record('operation', operation, null, result, by, {
      fno: facts.fnoEnvironment ? { id: facts.fnoEnvironment.id, name: facts.fnoEnvironment.name, region: facts.fnoEnvironment.azureRegion } : null,
      pp: facts.ppEnvironment
        ? { id: facts.ppEnvironment.id, name: facts.ppEnvironment.displayName, instanceUrl: facts.ppEnvironment.instanceUrl, geography: facts.ppEnvironment.geography }
        : null,
    }, facts.tenant?.id ?? null);
    await this.save(stored, 'triage.operation');
    return stored;
  }

  /** Triage of pasted text; the caller checked its size first. Environments the text names are looked up. */
  async triageText(text: string, by: PersonRef, tenantId: string | null): Promise<StoredTriage> {
    const scrubbed = scrubSecrets(text);
    const environment = await this.environmentsNamedIn(scrubbed);
    const stored = this.record('text', null, scrubbed, triageText(scrubbed), by, environment, tenantId);
    await this.save(stored, 'triage.text');
    return stored;
  }

  /**
   * The F&O and Power Platform environments the pasted text names (by name or host), completed
   * through the PPI link when only one side is named. Unknown or unreadable: left empty.
   */
  private async environmentsNamedIn(text: string): Promise<StoredTriage['environment']> {
    const mentions = environmentMentions(text);
    if (mentions.hosts.length === 0 && mentions.names.length === 0) return { fno: null, pp: null };
    const listed = async <T>(list: () => Promise<T[]>): Promise<T[]> => {
      try {
        return await list();
      } catch (error) {
        if (error instanceof LifecycleError) return [];
        throw error;
      }
    };
    const [fnos, pps] = await Promise.all([listed(() => this.port.listFnoEnvironments()), listed(() => this.port.listPowerPlatformEnvironments())]);
    const named = (name: string, url: string | null) => mentions.names.includes(name.toLowerCase()) || mentions.hosts.includes(hostOf(url) ?? '');
    let fno = fnos.find((candidate) => named(candidate.name, candidate.url)) ?? null;
    let pp = pps.find((candidate) => named(candidate.displayName, candidate.instanceUrl)) ?? null;
    fno ??= pp?.linkedApp ? (fnos.find((candidate) => candidate.id === pp!.linkedApp!.id) ?? null) : null;
    pp ??= fno ? (pps.find((candidate) => candidate.linkedApp?.id === fno!.id) ?? null) : null;
    return {
      fno: fno ? { id: fno.id, name: fno.name, region: fno.azureRegion } : null,
      pp: pp ? { id: pp.id, name: pp.displayName, instanceUrl: pp.instanceUrl, geography: pp.geography } : null,
    };
  }

  async get(triageId: string): Promise<StoredTriage | null> {
    return (await this.store.documents.get<StoredTriage>(TRIAGE_NAMESPACE, triageId))?.value ?? null;
  }

  /** The support hand-off for a stored triage, with what was tried from the audit log. */
  async handoff(triage: StoredTriage, generatedBy: string) {
    const tried = triage.operation
      ? (await this.store.audit.list({ subject: triage.operation.fnoEnvironmentId ?? triage.operation.ppEnvironmentId ?? undefined }))
          .filter((e) => e.details.operationId === triage.operation!.id && e.action !== 'triage.operation')
          .map((e) => ({ at: e.at, what: e.action }))
          .reverse()
      : [];
    return buildHandoffBundle({
      generatedAt: this.clock.now(),
      generatedBy,
      tenantId: triage.tenantId,
      fnoEnvironment: triage.environment.fno,
      ppEnvironment: triage.environment.pp,
      operation: triage.operation,
      pastedError: triage.pastedText,
      triage: {
        verdict: triage.result.verdict,
        confidence: confidenceStatement(triage.result),
        ask: triage.result.ask ?? null,
        causes: triage.result.matches.map((m) => ({ title: describeEntry(m.entryId)?.title ?? m.entryId, confidence: m.confidence, evidence: m.evidence })),
      },
      checks: isOperationTriage(triage.result) ? triage.result.checkedFacts.map((f) => ({ fact: f.fact, finding: f.finding })) : [],
      tried,
    });
  }

  async download(triageId: string, token: string, format: DownloadFormat): Promise<DownloadedFile | null> {
    const triage = await this.get(triageId);
    if (!triage || format === 'md' || !tokenMatches(triage.downloadToken, token)) return null;
    const bundle = await this.handoff(triage, triage.createdBy.displayName || triage.createdBy.objectId);
    const base = `ppi-support-handoff-${triage.id.slice(0, 8)}`;
    return format === 'json'
      ? { contentType: 'application/json; charset=utf-8', fileName: `${base}.json`, body: bundle.json, createdAt: triage.createdAt }
      : { contentType: 'text/plain; charset=utf-8', fileName: `${base}.txt`, body: bundle.text, createdAt: triage.createdAt };
  }

  private record(
    source: StoredTriage['source'],
    operation: Operation | null,
    pastedText: string | null,
    result: StoredTriage['result'],
    by: PersonRef,
    environment: StoredTriage['environment'],
    tenantId: string | null,
  ): StoredTriage {
    return {
      id: randomUUID(),
      source,
      // A service's error text can quote a credential; the stored record keeps it scrubbed.
      operation: operation?.error ? { ...operation, error: { ...operation.error, message: scrubSecrets(operation.error.message) } } : operation,
      pastedText,
      result,
      environment,
      tenantId,
      createdBy: by,
      createdAt: this.clock.now().toISOString(),
      downloadToken: newDownloadToken(),
    };
  }

  private async save(stored: StoredTriage, action: string): Promise<void> {
    await this.store.documents.put(TRIAGE_NAMESPACE, stored.id, stored, 0);
    await this.store.audit.append({
      actor: stored.createdBy.objectId,
      action,
      subject: stored.operation?.fnoEnvironmentId ?? stored.operation?.ppEnvironmentId ?? null,
      details: {
        triageId: stored.id,
        operationId: stored.operation?.id ?? null,
        verdict: stored.result.verdict,
        best: stored.result.best?.entryId ?? null,
        confidence: stored.result.best?.confidence ?? null,
      },
    });
  }
}

/** The failure advice a failure notice shows: the triage's best cause, when it has one. */
export async function adviceFromTriage(triage: TriageService, operation: Operation) {
  const stored = await triage.triageOperation(operation.id, { objectId: 'system', displayName: 'PPI Assistant' });
  const entry = stored?.result.best ? describeEntry(stored.result.best.entryId) : null;
  if (!stored || !entry || !isOperationTriage(stored.result)) return null;
  return {
    cause: entry.cause,
    owners: [...entry.fixOwners],
    steps: [...entry.steps],
    resumeApplies: ['resume', 'fix-then-resume'].includes(stored.result.nextStep.kind),
    // Known now, while the card is made: the triage just read the facts the failure was about.
    stillPresent: causeStillPresent(stored.result),
  };
}
