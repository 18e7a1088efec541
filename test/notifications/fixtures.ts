import type { Activity } from 'botbuilder';
import { createLogger } from '../../src/logger';
import type { Operation, OperationStage } from '../../src/domain/model';
import type { StoredConversation } from '../../src/storage/port';
import { toStoredConversation } from '../../src/teams/conversationReference';
import { message, type TestUser } from '../support/teamsActivities';

// Small factories for the notification tests: conversations as the bot stores them after a real
// Teams activity, and operations shaped like the lifecycle port returns them.

export const silentLogger = createLogger('silent');

export const PRIYA: TestUser = { aadObjectId: '00000000-0000-0000-0000-00000000a001', name: 'Priya Raman' };
export const MARCUS: TestUser = { aadObjectId: '00000000-0000-0000-0000-00000000a002', name: 'Marcus Lee' };

type NewConversation = Omit<StoredConversation, 'status' | 'statusReason' | 'updatedAt'>;

/** The personal chat with `user`, as stored from an inbound message sent through `serviceUrl`. */
export function personalChat(serviceUrl: string, user: TestUser = PRIYA): NewConversation {
  return toStoredConversation(message({ serviceUrl, scope: 'personal' }, user, 'hi') as unknown as Activity);
}

export function channel(serviceUrl: string, conversationId = '19:ops-channel@thread.tacv2'): NewConversation {
  return toStoredConversation(message({ serviceUrl, scope: 'channel', conversationId }, PRIYA, 'hi') as unknown as Activity);
}

export function stages(...statuses: OperationStage['status'][]): OperationStage[] {
  return ['Validate', 'Prepare', 'Run', 'Finalize'].map((name, index) => ({
    name,
    status: statuses[index] ?? 'NotStarted',
    startedAt: null,
    endedAt: null,
  }));
}

export function operation(changes: Partial<Operation> = {}): Operation {
  return {
    id: 'op-1',
    kind: 'IntegrationSetup',
    status: 'Queued',
    side: 'Lcs',
    fnoEnvironmentId: 'fno-1',
    ppEnvironmentId: 'pp-1',
    stages: stages(),
    error: null,
    requestedBy: { objectId: PRIYA.aadObjectId, displayName: PRIYA.name },
    correlationId: 'corr-1',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    parameters: {},
    ...changes,
  };
}
