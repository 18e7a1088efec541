import type { Prerequisite } from './prerequisitesInPlace';
import type { AdminOwner } from '../fixOwners';
import type { OperationKind, StageName } from '../model';

// Shapes of the helpdesk triage: the knowledge base entries (data), what the matchers return, and
// the facts an operation's environment can confirm or contradict. Plain data only, so the dialogs,
// the cards and the support hand-off can all read them.

/** Who has to act to remove a cause. Roles as the admin centres name them (docs/sources.md (b), (g)). */
export type FixOwner = AdminOwner | 'Dual-write owner' | 'F&O system administrator' | 'Developer' | 'Requester' | 'The bot (automatic retry)';

/**
 * Whether pressing Resume in LCS (Power Platform integration section) continues after the fix.
 * 'unverified' where no Microsoft source says so either way.
 */
export type ResumeApplies = boolean | 'unverified';

/** Other conversations of the bot that help once the cause is known. */
export type RelatedFlow = 'readiness' | 'setup' | 'verify' | 'lifecycle' | 'dual-write' | 'support-handoff';

/**
 * An error code or a stable identifier (app id, solution or table name, privilege), matched
 * case-insensitively as a whole word on the decoded text, before GUIDs and URLs are masked.
 */
export interface LiteralSignal {
  value: string;
  weight: number;
  /** Raised by Dataverse for any app that calls it (0x80072560): evidence for the entry, but it names no F&O by itself. */
  platform?: true;
}

/**
 * Words that survive rewording. Every group must be present, each by one of its alternatives, all
 * within `window` tokens of one another. An alternative is one or more words; a word ending in `*`
 * matches any word starting with it (`licen*` = licence, license, licensing…). Placeholders written
 * by the normaliser (`{url-fno}`, `{guid}`…) can be used as words.
 */
export interface PhraseSignal {
  groups: readonly (readonly string[])[];
  weight: number;
  /** Tokens the whole phrase may span; 30 when absent. */
  window?: number;
}

export interface EntrySignals {
  /** Service error codes: the strongest evidence. */
  codes?: readonly LiteralSignal[];
  /** App ids, solution, table and privilege names that only this cause mentions. */
  identifiers?: readonly LiteralSignal[];
  phrases?: readonly PhraseSignal[];
  /** Phrases that point away from this cause although its signals match (weights are subtracted). */
  against?: readonly PhraseSignal[];
}

/**
 * Facts about the environment as it is now, each either true or not known. They come in pairs
 * ("short"/"enough") so an entry can name the one that confirms it and the one that contradicts it.
 */
export type FactKey =
  | 'capacity-short'
  | 'capacity-enough'
  | 'requester-unlicensed'
  | 'requester-licensed'
  | 'requester-lacks-admin-role'
  | 'requester-may-create-environments'
  | 'requester-lacks-lcs-role'
  | 'requester-has-lcs-role'
  | 'requester-other-tenant'
  | 'requester-same-tenant'
  | 'system-admin-role-missing'
  | 'system-admin-role-recent'
  | 'system-admin-role-settled'
  | 'target-linked-elsewhere'
  | 'target-free'
  | 'other-operation-running'
  | 'no-other-operation-running'
  | 'pp-environment-gone'
  | 'pp-environment-present'
  | 'link-in-place'
  | 'link-missing';

export interface KnowledgeEntry {
  id: string;
  /** Rows of the failure catalog (docs/sources.md (g), F01–F30) or prerequisites ((b), P1–P15) covered. */
  catalogRefs: readonly string[];
  /** The cause in a few words. */
  title: string;
  /** The cause in plain words, for someone who has not read the documentation. */
  cause: string;
  /** Who acts, first the one who usually fixes it. */
  fixOwners: readonly FixOwner[];
  steps: readonly string[];
  resumeApplies: ResumeApplies;
  related: readonly RelatedFlow[];
  signals: EntrySignals;
  /** Operation kinds in which this cause shows up; empty when it is not tied to a bot-tracked operation. */
  operationKinds: readonly OperationKind[];
  /** Stages at which it shows up. */
  stages: readonly StageName[];
  /** Facts that, when they hold now, make this cause likely. */
  supportedBy: readonly FactKey[];
  /** Facts that, when they hold now, show the cause is gone (fixed since, or never was). */
  contradictedBy: readonly FactKey[];
  /** True when the cause goes away by itself, so waiting and trying again is the fix. */
  passesWithTime?: boolean;
  /** More specific entries: when one of them matches well, this broader one steps back. */
  yieldsTo?: readonly string[];
  /** Public pages (Microsoft Learn, GitHub issues, forums) the cause and fix are taken from. */
  sources: readonly string[];
  /** Words people use for this failure that the signals do not already name; used by the full-text search. */
  keywords?: readonly string[];
  /** The prerequisite this cause is the lack of: a text saying it is in place counts against the entry. */
  prerequisite?: Prerequisite;
  /**
   * For a cause inside one named product (Invoice capture, Inventory Visibility): the ways a text names it, written as
   * phrase words. A text that names none of them finds the entry by its own signals only, never by words it merely shares
   * with it (the full-text search, the examples): "the vendor isn't synced to the legal entity" is dual-write's, not Invoice capture's.
   */
  namedBy?: readonly string[];
}

/** One knowledge base file: the failures of one area, and the question that tells them apart. */
export interface KnowledgeArea {
  file: string;
  name: string;
  /** What to ask when the text leaves several causes of this area open. */
  ask: string;
  entryIds: readonly string[];
}

export type Confidence = 'high' | 'medium' | 'low';
/** How sure each confidence is, for comparing two of them. */
export const SURENESS: Readonly<Record<Confidence, number>> = { low: 0, medium: 1, high: 2 };

export type Verdict = 'confident' | 'ambiguous' | 'no-confident-match';

/** What the operation's environment says about a candidate now. */
export type FactStatus = 'supported' | 'resolved-since' | 'contradicted';

export interface TriageMatch {
  entryId: string;
  confidence: Confidence;
  score: number;
  /** Fragments of the input that matched, as written (whitespace collapsed), at most ~120 characters each. */
  evidence: string[];
  /** Operation triage only: how the environment facts bear on this candidate. */
  factStatus?: FactStatus;
}

export interface TriageResult {
  /** Best first; at most three. With no confident match these are the closest partial matches. */
  matches: TriageMatch[];
  /** The top match when it is at least of medium confidence, else null. */
  best: TriageMatch | null;
  verdict: Verdict;
  /** Unless the answer is confident: the detail that would decide between the candidates. */
  ask?: string;
}
