import assert from 'node:assert/strict';
import { lcsQuotaStatus } from '../../../src/domain/lifecycle/lcsQuota';
import { id, makeOperation } from './factories';

const NOW = new Date('2025-06-02T12:00:00.000Z');
const HOUR = 60 * 60 * 1000;
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * HOUR).toISOString();

describe('lifecycle rules: LCS database-operation quota', () => {
  it('has all three left when nothing ran', () => {
    assert.deepEqual(lcsQuotaStatus([], id('f004'), NOW), { used: 0, remaining: 3, limit: 3, resetsAt: null });
  });

  it('runs out after three in 24 hours and frees up 24 hours after the first started', () => {
    const operations = [
      makeOperation({ id: 'a', kind: 'DatabaseExport', createdAt: hoursAgo(20) }),
      makeOperation({ id: 'b', kind: 'DatabaseRefresh', createdAt: hoursAgo(10) }),
      makeOperation({ id: 'c', kind: 'DatabaseImport', createdAt: hoursAgo(1), status: 'Failed' }),
    ];
    assert.deepEqual(lcsQuotaStatus(operations, id('f004'), NOW), {
      used: 3,
      remaining: 0,
      limit: 3,
      resetsAt: new Date(Date.parse(hoursAgo(20)) + 24 * HOUR),
    });
  });

  it('stops counting an operation exactly 24 hours after it started', () => {
    const operations = [
      makeOperation({ createdAt: hoursAgo(24) }),
      makeOperation({ createdAt: hoursAgo(30) }),
      makeOperation({ kind: 'PointInTimeRestore', createdAt: new Date(NOW.getTime() - 24 * HOUR + 1).toISOString() }),
    ];
    const status = lcsQuotaStatus(operations, id('f004'), NOW);
    assert.equal(status.used, 1);
    assert.equal(status.remaining, 2);
    assert.deepEqual(status.resetsAt, new Date(NOW.getTime() + 1));
  });

  it('counts only LCS database operations on that environment', () => {
    const operations = [
      makeOperation({ fnoEnvironmentId: id('f002'), createdAt: hoursAgo(1) }),
      makeOperation({ kind: 'IntegrationSetup', createdAt: hoursAgo(1) }),
      makeOperation({ kind: 'Backup', side: 'PowerPlatform', fnoEnvironmentId: null, ppEnvironmentId: id('b004'), createdAt: hoursAgo(1) }),
      makeOperation({ fnoEnvironmentId: null, createdAt: hoursAgo(1) }),
      makeOperation({ createdAt: 'not a date' }),
      makeOperation({ fnoEnvironmentId: id('f004').toUpperCase(), createdAt: hoursAgo(2) }),
    ];
    const status = lcsQuotaStatus(operations, id('f004'), NOW);
    assert.equal(status.used, 1);
    assert.equal(status.remaining, 2);
  });

  it('with more starts than the limit, waits until enough of them have left the window', () => {
    const starts = [23, 22, 5, 1];
    const status = lcsQuotaStatus(starts.map((h) => makeOperation({ createdAt: hoursAgo(h) })), id('f004'), NOW);
    assert.equal(status.used, 4);
    assert.equal(status.remaining, 0);
    assert.deepEqual(status.resetsAt, new Date(Date.parse(hoursAgo(22)) + 24 * HOUR));
  });
});
