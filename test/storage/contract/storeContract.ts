import { auditLogContract } from './auditLog';
import { botStateContract } from './botStateStorage';
import { conversationsContract } from './conversationRepository';
import { documentsContract } from './documentRepository';
import { lifecycleContract } from './lifecycle';
import { outboxContract } from './outboxRepository';
import { rateBudgetContract } from './rateBudget';
import type { StoreKind } from './storesUnderTest';
import { watchesContract } from './watchRepository';

/** The behaviour every Store implementation must show; run unchanged against each of them. */
export function describeStoreContract(kind: StoreKind): void {
  describe(`${kind.name} store contract`, () => {
    conversationsContract(kind);
    watchesContract(kind);
    outboxContract(kind);
    rateBudgetContract(kind);
    auditLogContract(kind);
    documentsContract(kind);
    botStateContract(kind);
    lifecycleContract(kind);
  });
}
