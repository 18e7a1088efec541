import assert from 'node:assert/strict';
import { operationModel } from '../../src/cards/operationView';
import type { Operation } from '../../src/domain/model';

const NOW = new Date('2026-11-22T10:30:00Z');

function operation(overrides: Partial<Operation> = {}): Operation {
  return {
    id: 'op-1',
    kind: 'IntegrationSetup',
    status: 'InProgress',
    side: 'Lcs',
    fnoEnvironmentId: 'f001',
    ppEnvironmentId: 'b001',
    stages: [
      { name: 'Validate', status: 'Succeeded', startedAt: '2026-11-22T10:00:00Z', endedAt: '2026-11-22T10:05:00Z' },
      { name: 'Prepare', status: 'InProgress', startedAt: '2026-11-22T10:05:00Z', endedAt: null },
      { name: 'Run', status: 'NotStarted', startedAt: null, endedAt: null },
      { name: 'Finalize', status: 'NotStarted', startedAt: null, endedAt: null },
    ],
    error: null,
    requestedBy: { objectId: 'a001', displayName: 'Priya Raman' },
    correlationId: 'corr-1',
    createdAt: '2026-11-22T10:00:00Z',
    updatedAt: '2026-11-22T10:05:00Z',
    parameters: {},
    ...overrides,
  };
}

const view = { environmentName: 'contoso-prod', now: NOW, offerResume: true };

describe('operation card view', () => {
  it('says plainly that a started operation cannot be followed yet, and where to look', () => {
    const model = operationModel(
      operation({ kind: 'Restore', status: 'NotTrackable', error: { code: 'StartedNotTrackable', message: 'The restore was started at 10:00, … See Power Platform admin center › Environments › contoso-prod › History; this keeps looking.' } }),
      view,
    );
    assert.deepEqual([model.style, model.statusLine], ['warning', 'Started, but it cannot be followed from here yet.']);
    assert.deepEqual(model.warnings, ['The restore was started at 10:00, … See Power Platform admin center › Environments › contoso-prod › History; this keeps looking.']);
  });

  it('shows the current stage from the reported stages, elapsed time and the expected range', () => {
    const model = operationModel(operation(), view);
    assert.equal(model.title, 'Power Platform integration setup · contoso-prod');
    assert.equal(model.statusLine, 'In progress: stage Prepare (2 of 4) · 30 min so far, usually 60–90 minutes.');
    assert.deepEqual(model.stages.map((s) => [s.icon, s.name, s.times]), [
      ['✅', 'Validate', '10:00–10:05 UTC (5 min)'],
      ['⏳', 'Prepare', 'since 10:05 UTC'],
      ['◻️', 'Run', 'not started'],
      ['◻️', 'Finalize', 'not started'],
    ]);
    assert.deepEqual(model.warnings, []);
    assert.deepEqual(model.actions.map((a) => a.verb), ['operation.refresh']);
  });

  it('shows an unknown status as still running, with a warning, never a crash', () => {
    const model = operationModel(operation({ status: 'PreparingEnvironment' }), view);
    assert.match(model.statusLine, /^In progress/);
    assert.match(model.warnings[0], /"PreparingEnvironment", which I do not know/);
  });

  it('warns when the watcher judged it stalled', () => {
    const model = operationModel(operation(), { ...view, stalledForMinutes: 50 });
    assert.equal(model.style, 'warning');
    assert.match(model.warnings[0], /No stage has changed for 50 minutes/);
  });

  it('explains a failure and offers Resume to admins only when it applies', () => {
    const failed = operation({
      status: 'Failed',
      stages: [{ name: 'Validate', status: 'Failed', startedAt: '2026-11-22T10:00:00Z', endedAt: '2026-11-22T10:05:00Z' }],
      error: { code: 'InsufficientCapacity_StorageDriven', message: 'needs at least 1 GB of database capacity' },
    });
    const withAdvice = operationModel(failed, {
      ...view,
      failureAdvice: { cause: 'Less than 1 GB free', owners: ['Power Platform admin'], steps: ['Free capacity.'], resumeApplies: true },
    });
    assert.equal(withAdvice.statusLine, 'Failed at Validate after 5 minutes.');
    assert.equal(withAdvice.errorTitle, 'Error InsufficientCapacity_StorageDriven');
    assert.ok(withAdvice.errorDetails.includes('Who must act: Power Platform admin'));
    assert.deepEqual(withAdvice.actions.map((a) => a.verb), ['operation.resume', 'operation.refresh']);
    assert.equal(withAdvice.actions[0].data.operationId, 'op-1');

    const noResume = operationModel(failed, { ...view, failureAdvice: { cause: 'x', owners: [], steps: [], resumeApplies: false } });
    assert.deepEqual(noResume.actions.map((a) => a.verb), ['operation.refresh']);
    assert.match(noResume.nextSteps.at(-1)!, /Resume will not help/);
    const forViewers = operationModel(failed, { ...view, offerResume: false });
    assert.deepEqual(forViewers.actions.map((a) => a.verb), ['operation.refresh']);
  });

  it('says on the failure card that the cause was still there when the card was made, and keeps Resume (it checks again)', () => {
    const failed = operation({
      status: 'Failed',
      stages: [{ name: 'Validate', status: 'Failed', startedAt: '2026-11-22T10:00:00Z', endedAt: '2026-11-22T10:05:00Z' }],
      error: { code: 'InsufficientCapacity_StorageDriven', message: 'needs at least 1 GB of database capacity' },
    });
    const advice = { cause: 'Less than 1 GB free', owners: ['Power Platform admin'], steps: ['Free capacity.'], resumeApplies: true };
    const still = operationModel(failed, { ...view, failureAdvice: { ...advice, stillPresent: { fact: 'Dataverse database capacity', finding: '384 MB free, less than the 1024 MB setup needs.' } } });
    assert.ok(
      still.warnings.includes('Still the case at 10:30 UTC, when this card was made: Dataverse database capacity, 384 MB free, less than the 1024 MB setup needs. Fix that first; Resume reads it again before it continues.'),
      still.warnings.join('\n'),
    );
    assert.deepEqual(still.actions.map((a) => a.title), ['Resume', 'Refresh']);
    const unknown = operationModel(failed, { ...view, failureAdvice: { ...advice, stillPresent: null } });
    assert.ok(!unknown.warnings.some((w) => /Still the case/.test(w)));
  });

  it('shows the verification and next steps on success', () => {
    const done = operation({
      status: 'Succeeded',
      stages: [
        { name: 'Validate', status: 'Succeeded', startedAt: '2026-11-22T10:00:00Z', endedAt: '2026-11-22T10:05:00Z' },
        { name: 'Finalize', status: 'Succeeded', startedAt: '2026-11-22T11:05:00Z', endedAt: '2026-11-22T11:15:00Z' },
      ],
    });
    const model = operationModel(done, { ...view, verification: { linked: true, Url: 'https://contoso-prod.operations.dynamics.com', TenantId: 't', Id: 'f001' } });
    assert.equal(model.style, 'good');
    assert.equal(model.statusLine, 'Succeeded after 75 minutes.');
    assert.equal(model.facts[0].value, 'https://contoso-prod.operations.dynamics.com');
    assert.match(model.nextSteps.join(' '), /add-ins.*dual-write/);
    const unconfirmed = operationModel(done, { ...view, verification: { linked: false, code: '0x80048d0b', message: 'not integrated' } });
    assert.match(unconfirmed.warnings[0], /0x80048d0b/);
  });
});
