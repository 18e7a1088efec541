import type { Clock } from '../../../clock';
import { WHERE } from '../../../domain/lifecycle/planSteps';
import { geographyOfRegion } from '../../../domain/readiness/geography';
import { LifecycleError } from '../../../domain/ports/lifecyclePort';
import type { FnoEnvironment, Operation, PersonRef, PowerPlatformEnvironment, StartOperationRequest, VerificationResult } from '../../../domain/model';
import { isSignInMissing } from '../../../domain/ports/userTokens';
import type { EnvironmentCatalog } from '../environmentCatalog';
import { sameId } from '../../../domain/ids';
import { textParameter } from './requestParameters';
import { needsVerification, observeSetup, SETUP_WHERE, type SetupActivity, type SetupWatch } from './setupWatch';
import type { BapClient } from '../bap/bapClient';
import type { LcsClient } from '../lcs/lcsClient';
import type { RequestCredentials } from '../auth/delegatedAccess';
import { bapKind, bapProgress, lcsOutcome } from '../mapping/operationProgress';

// The I/O around setupWatch.ts: checking a setup request before the watch starts (refusing what LCS
// would refuse outright), and reading BAP, Dataverse and the LCS history on each poll.

export interface SetupPlan {
  fnoEnvironmentId: string;
  target: PowerPlatformEnvironment;
  useExistingDataverse: boolean;
  /** Where the person presses Setup. */
  manualStep: string;
  /** The F&O environment's LCS project, when LCS could be asked. */
  lcsProjectId: string | null;
}

export interface SetupWatcherParts {
  catalog: EnvironmentCatalog;
  bap: BapClient;
  lcs: LcsClient;
  credentials: RequestCredentials;
  lcsScope: string;
  verify: (environment: PowerPlatformEnvironment) => Promise<VerificationResult>;
  clock: Clock;
  /** No visible change for this long reports the setup as stalled. */
  stallMs: number;
}

/** LCS history entries that belong to a Power Platform integration (their Type strings are UNVERIFIED, so names are read too). */
const INTEGRATION_HISTORY = /power ?platform|dataverse|\bcds\b|integration/i;

export class SetupWatcher {
  constructor(private readonly parts: SetupWatcherParts) {}

  async plan(request: StartOperationRequest, requester: PersonRef): Promise<SetupPlan> {
    const fnoId = request.fnoEnvironmentId;
    if (!fnoId) throw new LifecycleError('InvalidRequest', 'A finance and operations environment id (fnoEnvironmentId) is required.');
    const named = textParameter(request, 'targetPpEnvironmentId');
    if (named && request.ppEnvironmentId && !sameId(named, request.ppEnvironmentId)) {
      throw new LifecycleError('InvalidRequest', 'ppEnvironmentId and parameter targetPpEnvironmentId name different environments.');
    }
    const [fno, environments] = await Promise.all([this.fnoIfSignedIn(fnoId, requester), this.parts.catalog.powerPlatformEnvironments()]);
    if (fno === null) throw new LifecycleError('NotFound', `No finance and operations environment has id ${fnoId} in the configured LCS projects.`);
    if (fno?.cloudHosted) {
      throw new LifecycleError('InvalidRequest', `${fno.name} is a cloud-hosted environment: it can only get Power Platform integration when it is deployed.`);
    }
    const name = fno?.name ?? fnoId;
    const integrated = environments.find((pp) => pp.hasDataverse && sameId(pp.linkedApp?.id, fnoId));
    if (integrated) {
      throw new LifecycleError('InvalidRequest', `${name} is already integrated with ${integrated.displayName} (${integrated.id}); that link cannot be undone or moved.`);
    }
    const targetId = named ?? request.ppEnvironmentId;
    if (targetId) return this.existingTarget(fnoId, fno, targetId, environments);

    const initial = environments.find((pp) => pp.isInitialEnvironment && sameId(pp.linkedApp?.id, fnoId));
    if (initial) return { fnoEnvironmentId: fnoId, target: initial, useExistingDataverse: false, manualStep: SETUP_WHERE, lcsProjectId: fno?.lcsProject.id ?? null };
    if (fno === undefined) {
      throw new LifecycleError(
        'NotFound',
        `No Power Platform environment carries the link of finance and operations environment ${fnoId}, and LCS could not be asked about it without a Teams sign-in.`,
      );
    }
    throw new LifecycleError('InvalidRequest', `${name} has no initial Power Platform environment left; choose an existing Dataverse environment instead.`);
  }

  /**
   * One observation applied to the watch: the target in BAP (and Dataverse, once the link shows),
   * plus what both sides show happening since the watch began — the target's BAP lifecycle
   * operations and the F&O environment's LCS history — so a setup that failed or never started is
   * reported instead of waiting forever.
   */
  async observe(operation: Operation, watch: SetupWatch): Promise<{ operation: Operation; watch: SetupWatch }> {
    const target = await this.parts.catalog.powerPlatformEnvironment(watch.targetPpEnvironmentId);
    const verification = needsVerification(watch, target, operation.fnoEnvironmentId ?? '') ? await this.parts.verify(target!) : null;
    const since = new Date(watch.enteredAt[0] ?? operation.createdAt);
    const activity = [...(await this.bapActivity(watch.targetPpEnvironmentId, since)), ...(await this.lcsActivity(operation, watch, since))];
    return observeSetup(operation, watch, { target, verification, activity, stallMs: this.parts.stallMs }, this.parts.clock.now());
  }

  /** Lifecycle operations on the target other than backup / restore / copy (provisioning, …) since the watch began. */
  private async bapActivity(targetId: string, since: Date): Promise<SetupActivity[]> {
    const operations = await this.parts.bap.listLifecycleOperations(targetId);
    return operations
      .filter((o) => bapKind(o.type.id) === null && o.createdDateTime && Date.parse(o.createdDateTime) >= since.getTime())
      .map((o) => {
        const status = bapProgress(o).status;
        return {
          label: `Power Platform admin center: ${o.type.id} on the target`,
          state: status === 'Failed' ? 'failed' : status === 'Succeeded' ? 'succeeded' : 'running',
          error: status === 'Failed' ? (o.error?.message ?? o.error?.code ?? null) : null,
        } satisfies SetupActivity;
      });
  }

  /** The F&O environment's LCS history since the watch began, read on behalf of the requester when they are signed in. */
  private async lcsActivity(operation: Operation, watch: SetupWatch, since: Date): Promise<SetupActivity[]> {
    if (!watch.lcsProjectId || !operation.fnoEnvironmentId) return [];
    try {
      const token = await this.parts.credentials.user(this.parts.lcsScope, 'Reading the LCS history of the setup', operation.requestedBy.objectId);
      const entries = await this.parts.lcs.history(watch.lcsProjectId, operation.fnoEnvironmentId, since, token);
      return entries
        .filter((e) => e.StartDateTimeUtc && Date.parse(e.StartDateTimeUtc) >= since.getTime())
        .filter((e) => [e.Type, e.TypeDisplay, e.Name].some((text) => !!text && INTEGRATION_HISTORY.test(text)))
        .map((e) => {
          const state = lcsOutcome(e.Status);
          return { label: `LCS: ${e.Name ?? e.TypeDisplay ?? e.Type ?? 'activity'}`, state, error: state === 'failed' ? `LCS shows it as ${e.Status}` : null };
        });
    } catch (error) {
      // Without the requester's sign-in, or past the history limits, BAP alone is watched this time.
      if (isSignInMissing(error) || (error instanceof LifecycleError && error.code === 'Throttled')) return [];
      throw error;
    }
  }

  /** The LCS view when the requester is signed in; undefined when LCS cannot be asked (null: not there). */
  private async fnoIfSignedIn(id: string, requester: PersonRef): Promise<FnoEnvironment | null | undefined> {
    try {
      return await this.parts.catalog.fnoEnvironment(id, requester.objectId);
    } catch (error) {
      if (isSignInMissing(error)) return undefined;
      throw error;
    }
  }

  private existingTarget(fnoId: string, fno: FnoEnvironment | undefined, targetId: string, environments: PowerPlatformEnvironment[]): SetupPlan {
    const target = environments.find((pp) => sameId(pp.id, targetId));
    if (!target) throw new LifecycleError('NotFound', `No Power Platform environment has id ${targetId}.`);
    if (!target.hasDataverse) throw new LifecycleError('InvalidRequest', `${target.displayName} has no Dataverse database to link.`);
    if (target.linkedApp && !sameId(target.linkedApp.id, fnoId)) {
      throw new LifecycleError('InvalidRequest', `${target.displayName} is already linked to finance and operations environment ${target.linkedApp.id}.`, 'EnvironmentAlreadyLinked');
    }
    const geography = fno ? geographyOfRegion(fno.azureRegion) : null;
    if (geography && geography !== target.geography.toLowerCase()) {
      throw new LifecycleError(
        'InvalidRequest',
        `${fno!.name} runs in ${fno!.azureRegion} (${geography}) but ${target.displayName} is in ${target.geography}; LCS links only environments in the same geography.`,
        'GeographyMismatch',
      );
    }
    return { fnoEnvironmentId: fnoId, target, useExistingDataverse: true, manualStep: WHERE.lcsSetupExisting, lcsProjectId: fno?.lcsProject.id ?? null };
  }
}
