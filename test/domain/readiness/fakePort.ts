import { LifecycleError, NOT_INTEGRATED_CODE, type LifecyclePort } from '../../../src/domain/ports/lifecyclePort';
import type { Operation, PowerPlatformEnvironment, VerificationResult } from '../../../src/domain/model';
import { makeFno, makeInitial, makePp, makeTenant, makeUser } from './factories';

// A lifecycle port over fixed data whose reads each answer after their own delay (setTimeout, so
// sinon fake timers drive it), and can be told to fail. Only what the readiness gathering reads is
// implemented; anything else throws so a test notices an unexpected call.

export type ReadMethod =
  | 'getTenant'
  | 'getFnoEnvironment'
  | 'listPowerPlatformEnvironments'
  | 'getPowerPlatformEnvironment'
  | 'getUser'
  | 'verifyIntegration'
  | 'listOperations';

export interface FakePortData {
  tenant: ReturnType<typeof makeTenant>;
  fnoEnvironments: ReturnType<typeof makeFno>[];
  powerPlatformEnvironments: PowerPlatformEnvironment[];
  users: ReturnType<typeof makeUser>[];
  operations: Operation[];
}

export interface FakeCall {
  method: ReadMethod;
  argument: string | undefined;
  startedAt: number;
}

export class FakePort implements LifecyclePort {
  readonly adapterName = 'simulator' as const;
  readonly capabilities = {} as LifecyclePort['capabilities'];
  readonly calls: FakeCall[] = [];
  /** Milliseconds each read takes; 0 when not set. */
  delays: Partial<Record<ReadMethod, number>> = {};
  /** Errors reads reject with instead of answering. */
  failures: Partial<Record<ReadMethod, Error>> = {};
  /** Delays for one argument of a read (an environment id), over `delays`. */
  delaysByArgument: Partial<Record<ReadMethod, Record<string, number>>> = {};

  constructor(readonly data: FakePortData = defaultData()) {}

  private read<T>(method: ReadMethod, argument: string | undefined, answer: () => T): Promise<T> {
    this.calls.push({ method, argument, startedAt: Date.now() });
    const delay = (argument !== undefined ? this.delaysByArgument[method]?.[argument] : undefined) ?? this.delays[method] ?? 0;
    return new Promise<T>((resolve, reject) => {
      setTimeout(() => {
        const failure = this.failures[method];
        if (failure) reject(failure);
        else {
          try {
            resolve(structuredClone(answer()));
          } catch (error) {
            reject(error);
          }
        }
      }, delay);
    });
  }

  callsTo(method: ReadMethod): FakeCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  async health() {
    return { ok: true };
  }
  getTenant() {
    return this.read('getTenant', undefined, () => this.data.tenant);
  }
  listFnoEnvironments(): never {
    throw new Error('not used by the readiness check');
  }
  getFnoEnvironment(id: string) {
    return this.read('getFnoEnvironment', id, () => this.data.fnoEnvironments.find((e) => e.id === id) ?? null);
  }
  listPowerPlatformEnvironments() {
    return this.read('listPowerPlatformEnvironments', undefined, () => this.data.powerPlatformEnvironments);
  }
  getPowerPlatformEnvironment(id: string) {
    return this.read('getPowerPlatformEnvironment', id, () => this.data.powerPlatformEnvironments.find((e) => e.id === id) ?? null);
  }
  getUser(objectId: string) {
    return this.read('getUser', objectId, () => this.data.users.find((u) => u.objectId === objectId) ?? null);
  }
  verifyIntegration(ppEnvironmentId: string) {
    return this.read(
      'verifyIntegration',
      ppEnvironmentId,
      (): VerificationResult => {
        const pp = this.data.powerPlatformEnvironments.find((e) => e.id === ppEnvironmentId);
        if (!pp) throw new LifecycleError('NotFound', `No Power Platform environment has id ${ppEnvironmentId}.`);
        return pp.hasDataverse && pp.linkedApp
          ? { linked: true, Url: pp.linkedApp.url, TenantId: this.data.tenant.id, Id: pp.linkedApp.id }
          : { linked: false, code: NOT_INTEGRATED_CODE, message: 'not integrated' };
      },
    );
  }
  startOperation(): never {
    throw new Error('not used by the readiness check');
  }
  resumeOperation(): never {
    throw new Error('not used by the readiness check');
  }
  getOperation(): never {
    throw new Error('not used by the readiness check');
  }
  listOperations(filter: { environmentId?: string } = {}) {
    return this.read('listOperations', filter.environmentId, () =>
      this.data.operations.filter(
        (op) => op.fnoEnvironmentId === filter.environmentId || op.ppEnvironmentId === filter.environmentId,
      ),
    );
  }
}

function defaultData(): FakePortData {
  return {
    tenant: makeTenant(),
    fnoEnvironments: [makeFno()],
    powerPlatformEnvironments: [makeInitial(), makePp()],
    users: [makeUser()],
    operations: [],
  };
}
