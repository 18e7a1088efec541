import assert from 'node:assert/strict';
import { triageOperation, type OperationTriageResult } from '../../../src/domain/triage/operationTriage';
import { FNO_ID, makeFno, makeOperation, makePp, makeTenant, makeUser, minutesBefore, NOW, PP_ID } from './operationFactory';

function summary(result: OperationTriageResult): string {
  const matches = result.matches.map((match) => `${match.entryId} ${match.confidence} ${match.score} ${match.factStatus ?? ''}`).join(', ');
  return `${result.state} ${result.verdict} [${matches}] → ${result.nextStep.kind}`;
}

function factAbout(result: OperationTriageResult, fact: RegExp) {
  const found = result.checkedFacts.find((checked) => fact.test(checked.fact));
  assert.ok(found, `no checked fact like ${fact}: ${result.checkedFacts.map((checked) => checked.fact).join(', ')}`);
  return found;
}

const capacityFailure = makeOperation({
  error: {
    code: 'InsufficientCapacity_StorageDriven',
    message: 'Only 384 MB of Dataverse database capacity is free; the integration needs at least 1 GB free.',
  },
});

describe('triage: operations', () => {
  describe('capacity', () => {
    it('confirms a capacity failure while capacity is still short', () => {
      const result = triageOperation({ operation: capacityFailure, facts: { tenant: makeTenant({ freeMb: 384 }), requester: makeUser() }, now: NOW });
      assert.equal(result.best?.entryId, 'insufficient-capacity', summary(result));
      assert.equal(result.best?.confidence, 'high');
      assert.equal(result.best?.factStatus, 'supported');
      assert.equal(result.nextStep.kind, 'fix-then-resume');
      assert.deepEqual(result.nextStep.owners, ['Power Platform admin', 'License admin']);
      const capacity = factAbout(result, /capacity/i);
      assert.equal(capacity.supports, 'insufficient-capacity');
      assert.match(capacity.finding, /384 MB free/);
    });

    it('says Resume once at least 1 GB is free again', () => {
      const result = triageOperation({ operation: capacityFailure, facts: { tenant: makeTenant({ freeMb: 2048 }), requester: makeUser() }, now: NOW });
      assert.equal(result.best?.entryId, 'insufficient-capacity', summary(result));
      assert.equal(result.best?.factStatus, 'resolved-since');
      assert.equal(result.nextStep.kind, 'resume');
      assert.match(result.nextStep.summary, /Resume/);
      assert.equal(factAbout(result, /capacity/i).rulesOut, 'insufficient-capacity');
    });

    it('says what could not be checked when the tenant figures are missing', () => {
      const result = triageOperation({ operation: capacityFailure, facts: {}, now: NOW });
      assert.equal(result.best?.entryId, 'insufficient-capacity');
      assert.equal(result.nextStep.kind, 'fix-then-resume');
      const capacity = factAbout(result, /capacity/i);
      assert.match(capacity.finding, /Not checked/);
      assert.equal(capacity.supports, null);
      assert.equal(capacity.rulesOut, null);
    });
  });

  describe('licence', () => {
    const licenceFailure = makeOperation({
      error: { code: 'DynamicsEntitlementMissing', message: 'The account that ran setup holds no licence that allows it.' },
    });

    it('points at the setup account while it still has no qualifying licence', () => {
      const result = triageOperation({ operation: licenceFailure, facts: { requester: makeUser({ licenses: ['Power BI Pro'] }) }, now: NOW });
      assert.equal(result.best?.entryId, 'setup-licence-missing', summary(result));
      assert.equal(result.best?.factStatus, 'supported');
      assert.equal(result.nextStep.kind, 'fix-then-resume');
      assert.deepEqual(result.nextStep.owners, ['License admin']);
      assert.match(factAbout(result, /licence/i).finding, /Power BI Pro; none qualifies/);
    });

    it('says Resume once the account holds a qualifying licence', () => {
      const result = triageOperation({ operation: licenceFailure, facts: { requester: makeUser({ licenses: ['Dynamics 365 Supply Chain Management'] }) }, now: NOW });
      assert.equal(result.best?.entryId, 'setup-licence-missing', summary(result));
      assert.equal(result.best?.factStatus, 'resolved-since');
      assert.equal(result.nextStep.kind, 'resume');
    });
  });

  describe('another operation running (OperationNotStartable)', () => {
    const refused = makeOperation({
      id: 'op-backup',
      kind: 'Backup',
      fnoEnvironmentId: null,
      error: { code: 'OperationNotStartable', message: 'there is an active lifecycle operation on the environment' },
    });
    const copy = makeOperation({ id: 'op-copy', kind: 'Copy', fnoEnvironmentId: null, stage: 'Run' });

    it('says wait while the other operation runs, and names it', () => {
      const result = triageOperation({ operation: refused, facts: { runningOperations: [refused, copy] }, now: NOW });
      assert.equal(result.best?.entryId, 'operation-not-startable', summary(result));
      assert.equal(result.best?.confidence, 'high');
      assert.equal(result.nextStep.kind, 'wait');
      const others = factAbout(result, /other operations/i);
      assert.equal(others.supports, 'operation-not-startable');
      assert.match(others.finding, /op-copy/);
    });

    it('says start again once nothing else runs', () => {
      const finished = { ...copy, status: 'Succeeded' };
      const result = triageOperation({ operation: refused, facts: { runningOperations: [finished] }, now: NOW });
      assert.equal(result.best?.factStatus, 'resolved-since', summary(result));
      assert.equal(result.nextStep.kind, 'retry');
      assert.equal(factAbout(result, /other operations/i).rulesOut, 'operation-not-startable');
    });

    it('ignores operations on other environments', () => {
      const elsewhere = makeOperation({ id: 'op-far', kind: 'Copy', fnoEnvironmentId: null, ppEnvironmentId: 'another-env', stage: 'Run' });
      const result = triageOperation({ operation: refused, facts: { runningOperations: [elsewhere] }, now: NOW });
      assert.equal(result.nextStep.kind, 'retry', summary(result));
    });
  });

  describe('not linked (0x80048d0b)', () => {
    const notLinked = makeOperation({
      stage: 'Finalize',
      error: { code: '0x80048d0b', message: "Dataverse instance isn't integrated with finance and operations." },
    });

    it('confirms while the environment has no link', () => {
      const result = triageOperation({ operation: notLinked, facts: { ppEnvironment: makePp(), fnoEnvironment: makeFno() }, now: NOW });
      assert.equal(result.best?.entryId, 'not-integrated', summary(result));
      assert.equal(result.best?.confidence, 'high');
      assert.equal(factAbout(result, /PPI link/).supports, 'not-integrated');
      assert.equal(result.nextStep.kind, 'fix-then-retry');
    });

    it('says verify again once the link is in place', () => {
      const linked = makePp({ hasDataverse: true, instanceUrl: 'https://contoso-uat.crm.dynamics.com/' });
      const result = triageOperation({ operation: notLinked, facts: { ppEnvironment: linked, fnoEnvironment: makeFno() }, now: NOW });
      assert.equal(result.best?.factStatus, 'resolved-since', summary(result));
      assert.equal(result.nextStep.kind, 'retry');
      assert.match(result.nextStep.summary, /Verify again/);
    });

    it('sees the link however the services spell the id (upper case, braces)', () => {
      const linked = makePp({ hasDataverse: true, instanceUrl: 'https://contoso-uat.crm.dynamics.com/', linkedApp: { id: `{${FNO_ID.toUpperCase()}}`, type: 'Linked', url: 'https://contoso-uat.sandbox.operations.dynamics.com' } });
      const result = triageOperation({ operation: notLinked, facts: { ppEnvironment: linked, fnoEnvironment: makeFno() }, now: NOW });
      assert.equal(result.best?.factStatus, 'resolved-since', summary(result));
      assert.match(factAbout(result, /PPI link/).finding, /is linked to this F&O environment/);
    });
  });

  describe('System Administrator role and its one-hour delay', () => {
    const existingTarget = makePp({ isInitialEnvironment: false, hasDataverse: true, instanceUrl: 'https://fs.crm.dynamics.com/', linkedApp: null });
    const roleFailure = makeOperation({
      parameters: { targetPpEnvironmentId: PP_ID, useExistingDataverse: true },
      error: { code: 'SystemAdministratorRoleNotEffectiveYet', message: 'The role is too new to count.' },
    });
    const withRole = (minutesAgo: number) =>
      makeUser({ dataverseRoles: [{ ppEnvironmentId: PP_ID, role: 'System Administrator', assignedAt: minutesBefore(minutesAgo) }] });

    it('says wait when the role was given less than an hour ago', () => {
      const result = triageOperation({ operation: roleFailure, facts: { requester: withRole(20), ppEnvironment: existingTarget }, now: NOW });
      assert.equal(result.best?.entryId, 'role-cache-delay', summary(result));
      assert.equal(result.best?.factStatus, 'supported');
      assert.equal(result.nextStep.kind, 'wait');
      assert.match(factAbout(result, /System administrator/).finding, /20 min ago/);
    });

    it('says try again once the hour has passed', () => {
      const result = triageOperation({ operation: roleFailure, facts: { requester: withRole(120), ppEnvironment: existingTarget }, now: NOW });
      assert.equal(result.best?.factStatus, 'resolved-since', summary(result));
      assert.equal(result.nextStep.kind, 'retry');
    });
  });

  describe('failures the knowledge base does not know', () => {
    it('gives no confident match for an unknown code and asks for the support details', () => {
      const operation = makeOperation({
        kind: 'Backup',
        fnoEnvironmentId: null,
        stage: 'Run',
        error: { code: 'BackupStorageUnavailable', message: 'The backup store did not respond while the backup was being written.' },
      });
      const result = triageOperation({ operation, facts: { tenant: makeTenant(), runningOperations: [] }, now: NOW });
      assert.equal(result.verdict, 'no-confident-match', summary(result));
      assert.equal(result.best, null);
      assert.equal(result.nextStep.kind, 'collect-details');
      assert.match(result.nextStep.summary, new RegExp(operation.correlationId));
    });

    it('lets the environment suggest a cause, as a hint only, when the error says nothing specific', () => {
      const operation = makeOperation({ error: { code: 'E_UNEXPECTED', message: 'Unexpected failure.' } });
      const facts = { tenant: makeTenant({ freeMb: 100 }), requester: makeUser(), fnoEnvironment: makeFno(), ppEnvironment: makePp(), runningOperations: [] };
      const result = triageOperation({ operation, facts, now: NOW });
      assert.equal(result.verdict, 'no-confident-match', summary(result));
      assert.equal(result.matches[0]?.entryId, 'insufficient-capacity');
      assert.equal(result.matches[0].confidence, 'low');
    });

    it('lets the environment refine a bare "setup failed"', () => {
      const operation = makeOperation({ error: { code: 'SetupFailed', message: 'Power Platform integration setup failed. Fix the problem, then select Resume.' } });
      const result = triageOperation({ operation, facts: { tenant: makeTenant({ freeMb: 100 }), requester: makeUser(), ppEnvironment: makePp() }, now: NOW });
      assert.equal(result.best?.entryId, 'insufficient-capacity', summary(result));
      assert.equal(result.matches[1]?.entryId, 'setup-failed');
      assert.equal(result.nextStep.kind, 'fix-then-resume');
    });

    it('rules out a cause the message suggests when the environment contradicts it', () => {
      const operation = makeOperation({ error: { code: 'SetupFailed', message: 'Setup failed: not enough Dataverse database capacity?' } });
      const result = triageOperation({ operation, facts: { tenant: makeTenant({ freeMb: 8192 }) }, now: NOW });
      const capacity = result.matches.find((match) => match.entryId === 'insufficient-capacity');
      assert.ok(!capacity || (capacity.factStatus === 'contradicted' && capacity.confidence === 'low'), summary(result));
      assert.equal(factAbout(result, /capacity/i).rulesOut, 'insufficient-capacity');
    });
  });

  describe('operations still running', () => {
    it('says wait while it keeps moving', () => {
      const result = triageOperation({ operation: makeOperation({ stage: 'Prepare', startedMinutesAgo: 20 }), facts: {}, now: NOW });
      assert.equal(result.state, 'running');
      assert.equal(result.verdict, 'no-confident-match');
      assert.deepEqual(result.matches, []);
      assert.equal(result.nextStep.kind, 'wait');
      assert.match(factAbout(result, /Progress/).finding, /InProgress at Prepare/);
    });

    it('calls a long quiet setup stalled, and says wait and check the service while the environment is there', () => {
      const stalled = makeOperation({ stage: 'Run', startedMinutesAgo: 300 });
      const result = triageOperation({ operation: stalled, facts: { ppEnvironment: makePp({ state: 'Preparing' }) }, now: NOW });
      assert.equal(result.state, 'stalled');
      assert.equal(result.best?.entryId, 'operation-stalled', summary(result));
      assert.equal(result.best?.confidence, 'medium');
      assert.equal(result.nextStep.kind, 'wait');
      assert.match(factAbout(result, /Power Platform environment/).finding, /Preparing/);
    });

    it('sends a stalled setup to Microsoft support when its environment has vanished', () => {
      const stalled = makeOperation({ stage: 'Run', startedMinutesAgo: 300 });
      const result = triageOperation({ operation: stalled, facts: { ppEnvironment: null }, now: NOW });
      assert.equal(result.best?.entryId, 'provisioning-vanished', summary(result));
      assert.equal(result.best?.confidence, 'high');
      assert.equal(result.nextStep.kind, 'escalate');
      assert.equal(factAbout(result, /Power Platform environment/).supports, 'provisioning-vanished');
    });

    it('escalates a stall that lasts far beyond the usual time', () => {
      const stalled = makeOperation({ stage: 'Run', startedMinutesAgo: 13 * 60 });
      const result = triageOperation({ operation: stalled, facts: { ppEnvironment: makePp({ state: 'Preparing' }) }, now: NOW });
      assert.equal(result.nextStep.kind, 'escalate', summary(result));
    });
  });

  it('has nothing to fix for a succeeded operation', () => {
    const result = triageOperation({ operation: makeOperation({ status: 'Succeeded', stage: 'Finalize' }), facts: {}, now: NOW });
    assert.equal(result.state, 'succeeded');
    assert.equal(result.nextStep.kind, 'nothing-to-do');
    assert.deepEqual(result.matches, []);
  });
});
