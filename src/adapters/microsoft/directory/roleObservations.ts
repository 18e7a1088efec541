import { ConcurrencyError, type DocumentRepository } from '../../../storage/port';

// Dataverse says which security roles a person holds, not since when, yet a System administrator
// role younger than an hour may not be honoured by setup validation yet. The adapter therefore
// dates a role from the first time it saw it — never earlier than the truth, so the readiness check
// may wait needlessly once (the first check after installation), but never lets a too-new role pass.

const NAMESPACE = 'microsoft-adapter/role-observations';

export class RoleObservations {
  constructor(private readonly documents: DocumentRepository) {}

  /** When the role was first seen; records `now` the first time. */
  async firstSeen(ppEnvironmentId: string, objectId: string, now: Date): Promise<string> {
    const key = `${ppEnvironmentId}/${objectId}`.toLowerCase();
    const stored = await this.documents.get<{ firstSeenAt: string }>(NAMESPACE, key);
    if (stored) return stored.value.firstSeenAt;
    try {
      await this.documents.put(NAMESPACE, key, { firstSeenAt: now.toISOString() }, 0);
      return now.toISOString();
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      return (await this.documents.get<{ firstSeenAt: string }>(NAMESPACE, key))?.value.firstSeenAt ?? now.toISOString();
    }
  }

  /** The role is gone: a later assignment is new again. */
  async forget(ppEnvironmentId: string, objectId: string): Promise<void> {
    await this.documents.delete(NAMESPACE, `${ppEnvironmentId}/${objectId}`.toLowerCase());
  }
}
