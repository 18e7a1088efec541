import type {
  DirectoryUser,
  FnoEnvironment,
  Operation,
  PowerPlatformEnvironment,
  Tenant,
  VerificationResult,
} from '../model';
import type { AdminOwner } from '../fixOwners';

// The shapes of the readiness check: the facts gathered from the lifecycle port, and the report the
// pure rules turn them into. A fact the port could not deliver stays in the facts as "unknown" with
// its reason, so one throttled call costs one check, not the whole report.

/** A fact from the outside world, or why it could not be had (a clause in lower case, no final stop). */
export type Fact<T> = { known: true; value: T } | { known: false; reason: string };

export type ReadinessTarget = { kind: 'new' } | { kind: 'existing'; ppEnvironmentId: string };

export interface ReadinessFacts {
  fnoEnvironmentId: string;
  target: ReadinessTarget;
  caller: { objectId: string; tenantId: string | null };
  fnoEnvironment: Fact<FnoEnvironment>;
  tenant: Fact<Tenant>;
  /** The caller as the directory knows them. */
  user: Fact<DirectoryUser>;
  powerPlatformEnvironments: Fact<PowerPlatformEnvironment[]>;
  /** The chosen existing environment as the admin center sees it; null on the new-Dataverse path. */
  targetEnvironment: Fact<PowerPlatformEnvironment> | null;
  /** Dataverse's own answer for the chosen existing environment; null on the new-Dataverse path. */
  targetVerification: Fact<VerificationResult> | null;
  /**
   * Dataverse's answer for the environment the admin center shows as linked to this F&O
   * environment; null when none is (or the environment list itself is unknown).
   */
  linkedVerification: Fact<VerificationResult> | null;
  /** Operations on the F&O environment and on the chosen existing environment, running or not. */
  operations: Fact<Operation[]>;
}

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'unknown';

/** 'You' is the person running the check. */
export type FixOwner = AdminOwner | 'You';

export interface CheckOutcome {
  status: CheckStatus;
  /** What was seen, with the numbers and names that prove it. */
  evidence: string;
  fixOwners: FixOwner[];
  /** How to put it right; empty when the check passes. */
  fix: string;
}

export interface ReadinessCheck extends CheckOutcome {
  /** Stable id other code and exported reports can rely on, e.g. `capacity`. */
  id: string;
  title: string;
}

export type ReadinessVerdict = 'ready' | 'ready-with-warnings' | 'not-ready' | 'already-linked' | 'blocked';

export interface ReadinessPair {
  fnoEnvironmentId: string;
  /** null when the F&O environment could not be read. */
  fnoEnvironmentName: string | null;
  targetKind: ReadinessTarget['kind'];
  /** The Power Platform environment that would get (or has) the link, when it is known. */
  targetPpEnvironmentId: string | null;
  /** One phrase for people, e.g. "a new Dataverse database in contoso-prod". */
  targetDescription: string;
}

export interface ReadinessReport {
  verdict: ReadinessVerdict;
  /** 0–100; see verdict.ts for how it is computed. */
  score: number;
  headline: string;
  pair: ReadinessPair;
  checks: ReadinessCheck[];
  /** Ids of the failing checks. */
  blockers: string[];
  /** ISO-8601 UTC moment the rules were applied (the one-hour role wait is measured from it). */
  evaluatedAt: string;
}
