import type { Clock } from '../../../clock';
import { LifecycleError } from '../../../domain/ports/lifecyclePort';
import type { FnoEnvironment, Operation, PersonRef, PowerPlatformEnvironment, StartOperationRequest } from '../../../domain/model';
import { MICROSOFT_CAPABILITIES } from '../capabilities';
import type { EnvironmentCatalog } from '../environmentCatalog';
import type { Progress } from '../mapping/operationProgress';
import { sameId } from '../../../domain/ids';
import type { EnvironmentOperations } from './environmentOperations';
import type { LcsDatabaseOperations } from './lcsDatabaseOperations';
import type { Tracking } from './operationRecords';
import { textParameter } from './requestParameters';
import type { SetupWatcher } from './setupWatcher';
import { newSetupWatch, setupStages } from './setupWatch';
import { lcsDatabaseTarget, withDataverse } from '../../../domain/operationPreconditions';

// What a start request turns into before anything is started: the environments it acts on (which
// must exist, with Dataverse where the operation needs it), its parameters, and the call that starts
// it — refusing up front what the services would refuse (production refreshes, a copy onto itself,
// kinds only the LCS portal can run).

export interface Launch {
  fnoEnvironmentId: string | null;
  ppEnvironmentId: string | null;
  parameters: Operation['parameters'];
  run: () => Promise<{ tracking: Tracking; progress: Progress | null; parameters?: Operation['parameters'] }>;
}

export interface StartPlannerParts {
  catalog: EnvironmentCatalog;
  /** Starts backups, restores and copies (the configured API). */
  environmentOperations: EnvironmentOperations;
  lcsOperations: LcsDatabaseOperations;
  setup: SetupWatcher;
  clock: Clock;
}


export class StartPlanner {
  constructor(private readonly parts: StartPlannerParts) {}

  async plan(request: StartOperationRequest, requester: PersonRef): Promise<Launch> {
    const { environmentOperations, lcsOperations } = this.parts;
    const parameters = { ...(request.parameters ?? {}) };
    switch (request.kind) {
      case 'PointInTimeRestore':
      case 'DatabaseImport': {
        const action = request.kind === 'PointInTimeRestore' ? 'LcsPointInTimeRestore' : 'LcsDatabaseImport';
        throw new LifecycleError('NotSupported', `${request.kind} is done by hand in LCS (${MICROSOFT_CAPABILITIES[action].manualWhere}); it cannot be started from here.`);
      }
      case 'IntegrationSetup': {
        const plan = await this.parts.setup.plan(request, requester);
        const watch = newSetupWatch(plan.target.id, this.parts.clock.now(), plan.lcsProjectId);
        return {
          fnoEnvironmentId: plan.fnoEnvironmentId,
          ppEnvironmentId: plan.target.id,
          parameters: { ...parameters, targetPpEnvironmentId: plan.target.id, useExistingDataverse: plan.useExistingDataverse, manualStep: plan.manualStep },
          // Nothing is called: the person presses Setup in LCS, and the watch looks for the result.
          run: async () => ({ tracking: { via: 'setupWatch', watch }, progress: { status: 'Queued', stages: setupStages(watch, false), error: null, changedAt: null } }),
        };
      }
      case 'Backup': {
        const target = await this.ppTarget(request, 'back up');
        const label = textParameter(request, 'label') ?? `PPI Assistant backup ${this.parts.clock.now().toISOString().slice(0, 16).replace('T', ' ')} UTC`;
        return this.ppLaunch(request, target, { ...parameters, label }, () => environmentOperations.backup(target, label));
      }
      case 'Restore': {
        const target = await this.ppTarget(request, 'restore into');
        const sourceId = textParameter(request, 'sourceEnvironmentId');
        const source = sourceId ? withDataverse(await this.pp(sourceId), 'restore from') : target;
        const restorePoint = new Date(textParameter(request, 'restorePoint') ?? NaN);
        if (Number.isNaN(restorePoint.getTime())) throw new LifecycleError('InvalidRequest', 'A restore needs parameter restorePoint, the moment to go back to (ISO 8601).');
        return this.ppLaunch(request, target, parameters, () => environmentOperations.restore(target, { source, restorePoint }));
      }
      case 'Copy': {
        const target = await this.ppTarget(request, 'copy into');
        const sourceId = textParameter(request, 'sourceEnvironmentId');
        if (!sourceId) throw new LifecycleError('InvalidRequest', 'A copy needs parameter sourceEnvironmentId (a Power Platform environment id).');
        const source = withDataverse(await this.pp(sourceId), 'copy from');
        if (sameId(source.id, target.id)) throw new LifecycleError('InvalidRequest', 'A copy needs a source other than its target.');
        const copyType = textParameter(request, 'copyType') === 'Minimal' ? 'Minimal' : 'Full';
        return this.ppLaunch(request, target, { ...parameters, copyType }, () => environmentOperations.copy(target, { source, copyType }));
      }
      case 'DatabaseExport': {
        const environment = lcsDatabaseTarget(await this.fno(request.fnoEnvironmentId, requester), 'export the database of');
        const backupName = (textParameter(request, 'backupName') ?? `ppi-${environment.name}-${this.parts.clock.now().toISOString().slice(0, 16)}`).replace(/[^A-Za-z0-9_-]/g, '-');
        return {
          fnoEnvironmentId: environment.id,
          ppEnvironmentId: request.ppEnvironmentId ?? null,
          parameters: { ...parameters, backupName },
          run: () => lcsOperations.exportDatabase(environment, backupName, requester),
        };
      }
      case 'DatabaseRefresh': {
        const target = lcsDatabaseTarget(await this.fno(request.fnoEnvironmentId, requester), 'refresh the database of');
        const source = await this.fno(textParameter(request, 'sourceEnvironmentId'), requester);
        if (sameId(source.id, target.id)) throw new LifecycleError('InvalidRequest', 'A refresh needs a source other than its target.');
        return {
          fnoEnvironmentId: target.id,
          ppEnvironmentId: request.ppEnvironmentId ?? null,
          parameters,
          run: () => lcsOperations.refreshDatabase(target, source, requester),
        };
      }
    }
  }

  /**
   * A Power Platform operation acts on ppEnvironmentId; an F&O id it names only rides along. The
   * environment may forbid the operation (BAP `lifecycleOperationsEnforcement`): refused here with
   * its reason, before anything starts.
   */
  private ppLaunch(request: StartOperationRequest, target: PowerPlatformEnvironment, parameters: Operation['parameters'], run: Launch['run']): Launch {
    const forbidden = target.forbiddenOperations?.find((entry) => entry.operation.toLowerCase() === request.kind.toLowerCase());
    if (forbidden) {
      throw new LifecycleError('InvalidRequest', `${target.displayName} does not allow a ${request.kind.toLowerCase()}: ${forbidden.reason}`, 'LifecycleOperationDisallowed');
    }
    return { fnoEnvironmentId: request.fnoEnvironmentId ?? null, ppEnvironmentId: target.id, parameters, run };
  }

  private async ppTarget(request: StartOperationRequest, purpose: string): Promise<PowerPlatformEnvironment> {
    if (!request.ppEnvironmentId) throw new LifecycleError('InvalidRequest', 'A Power Platform environment id (ppEnvironmentId) is required.');
    return withDataverse(await this.pp(request.ppEnvironmentId), purpose);
  }

  private async pp(id: string): Promise<PowerPlatformEnvironment> {
    const environment = await this.parts.catalog.powerPlatformEnvironment(id);
    if (!environment) throw new LifecycleError('NotFound', `No Power Platform environment has id ${id}.`);
    return environment;
  }

  private async fno(id: string | undefined, requester: PersonRef): Promise<FnoEnvironment> {
    if (!id) throw new LifecycleError('InvalidRequest', 'A finance and operations environment id is required (fnoEnvironmentId, or parameter sourceEnvironmentId for a refresh).');
    const environment = await this.parts.catalog.fnoEnvironment(id, requester.objectId);
    if (!environment) throw new LifecycleError('NotFound', `No finance and operations environment has id ${id}.`);
    return environment;
  }
}
