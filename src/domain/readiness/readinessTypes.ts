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

/**
 * Whose licence, roles and account the check judges: the person who will press Setup in LCS.
 * - `environment-administrator`: the F&O environment administrator LCS names (P5);
 * - `named`: an admin the caller named;
 * - `caller`: the person asking, when they will press Setup themselves (confirming a setup), or
 *   when LCS names no environment administrator.
 */
export type SetupPersonBasis = 'environment-administrator' | 'named' | 'caller';

/** Who the caller asks the check to be judged for; resolved into a SetupPerson once LCS is read. */
export type SetupPersonChoice = { kind: 'caller' } | { kind: 'environment-administrator' } | { kind: 'named'; objectId: string };

export interface SetupPerson {
  objectId: string;
  basis: SetupPersonBasis;
  /** True when the environment administrator was asked for but LCS names none, so the caller stands in. */
  noAdministratorNamed?: boolean;
}

export interface ReadinessFacts {
  fnoEnvironmentId: string;
  target: ReadinessTarget;
  caller: { objectId: string; tenantId: string | null };
  /** The person who will press Setup; `user` holds their directory entry. */
  setupPerson: SetupPerson;
  fnoEnvironment: Fact<FnoEnvironment>;
  tenant: Fact<Tenant>;
  /** The person who will press Setup (see setupPerson) as the directory knows them. */
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

/** Whose facts the person-related checks used, said on the card and in the export. */
export interface JudgedFor {
  objectId: string;
  /** null when the directory entry could not be read. */
  displayName: string | null;
  basis: SetupPersonBasis;
  /** One sentence for people, e.g. "Dana Ortiz, the environment administrator, who presses Setup in LCS". */
  description: string;
}

export interface ReadinessReport {
  verdict: ReadinessVerdict;
  /** The person whose licence, roles and account were checked. */
  judgedFor: JudgedFor;
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
