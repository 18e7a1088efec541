import type { Clock } from '../../../clock';
import { WHERE } from '../../../domain/lifecycle/planSteps';
import { geographyOfRegion } from '../../../domain/readiness/geography';
import { LifecycleError } from '../../../domain/ports/lifecyclePort';
import type { FnoEnvironment, Operation, PersonRef, PowerPlatformEnvironment, StartOperationRequest, VerificationResult } from '../../../domain/model';
import { isSignInMissing } from '../../../domain/ports/userTokens';
import type { EnvironmentCatalog } from '../environmentCatalog';
import { sameId } from '../mapping/powerPlatformEnvironments';
import { textParameter } from './requestParameters';
import { needsVerification, observeSetup, SETUP_WHERE, type SetupWatch } from './setupWatch';

// The I/O around setupWatch.ts: checking a setup request before the watch starts (refusing what LCS
// would refuse outright), and reading BAP and Dataverse on each poll.

export interface SetupPlan {
  fnoEnvironmentId: string;
  target: PowerPlatformEnvironment;
  useExistingDataverse: boolean;
  /** Where the person presses Setup. */
  manualStep: string;
}

export class SetupWatcher {
  constructor(
    private readonly catalog: EnvironmentCatalog,
    private readonly verify: (environment: PowerPlatformEnvironment) => Promise<VerificationResult>,
    private readonly clock: Clock,
  ) {}

  async plan(request: StartOperationRequest, requester: PersonRef): Promise<SetupPlan> {
    const fnoId = request.fnoEnvironmentId;
    if (!fnoId) throw new LifecycleError('InvalidRequest', 'A finance and operations environment id (fnoEnvironmentId) is required.');
    const named = textParameter(request, 'targetPpEnvironmentId');
    if (named && request.ppEnvironmentId && !sameId(named, request.ppEnvironmentId)) {
      throw new LifecycleError('InvalidRequest', 'ppEnvironmentId and parameter targetPpEnvironmentId name different environments.');
    }
    const [fno, environments] = await Promise.all([this.fnoIfSignedIn(fnoId, requester), this.catalog.powerPlatformEnvironments()]);
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
    if (initial) return { fnoEnvironmentId: fnoId, target: initial, useExistingDataverse: false, manualStep: SETUP_WHERE };
    if (fno === undefined) {
      throw new LifecycleError(
        'NotFound',
        `No Power Platform environment carries the link of finance and operations environment ${fnoId}, and LCS could not be asked about it without a Teams sign-in.`,
      );
    }
    throw new LifecycleError('InvalidRequest', `${name} has no initial Power Platform environment left; choose an existing Dataverse environment instead.`);
  }

  /** One observation of BAP (and Dataverse, once the link shows) applied to the watch. */
  async observe(operation: Operation, watch: SetupWatch): Promise<{ operation: Operation; watch: SetupWatch }> {
    const target = await this.catalog.powerPlatformEnvironment(watch.targetPpEnvironmentId);
    const verification = needsVerification(watch, target, operation.fnoEnvironmentId ?? '') ? await this.verify(target!) : null;
    return observeSetup(operation, watch, { target, verification }, this.clock.now());
  }

  /** The LCS view when the requester is signed in; undefined when LCS cannot be asked (null: not there). */
  private async fnoIfSignedIn(id: string, requester: PersonRef): Promise<FnoEnvironment | null | undefined> {
    try {
      return await this.catalog.fnoEnvironment(id, requester.objectId);
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
    return { fnoEnvironmentId: fnoId, target, useExistingDataverse: true, manualStep: WHERE.lcsSetupExisting };
  }
}
