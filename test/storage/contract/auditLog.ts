import assert from 'node:assert/strict';
import type { AuditLog } from '../../../src/storage/port';
import type { StoreKind, StoreUnderTest } from './storesUnderTest';

export function auditLogContract(kind: StoreKind): void {
  describe('the audit log', () => {
    let stores: StoreUnderTest;
    let audit: AuditLog;

    beforeEach(async () => {
      stores = await kind.create();
      audit = (await stores.open()).audit;
    });

    afterEach(async () => {
      await stores.dispose();
    });

    it('appends entries stamped by the clock unless a time is given', async () => {
      const first = await audit.append({ actor: 'user-1', action: 'install', subject: 'env-1', details: { pkg: 'x' } });
      const second = await audit.append({
        actor: 'system',
        action: 'notice',
        subject: null,
        details: {},
        at: '2024-12-31T00:00:00.000Z',
      });
      assert.deepEqual(first, {
        id: first.id,
        at: '2025-01-01T00:00:00.000Z',
        actor: 'user-1',
        action: 'install',
        subject: 'env-1',
        details: { pkg: 'x' },
      });
      assert.equal(second.at, '2024-12-31T00:00:00.000Z');
      assert.ok(second.id > first.id);
    });

    it('lists newest first with filters and a limit', async () => {
      await audit.append({ actor: 'a', action: 'install', subject: 'env-1', details: { n: 1 } });
      await audit.append({ actor: 'b', action: 'install', subject: 'env-2', details: { n: 2 } });
      await audit.append({ actor: 'a', action: 'subscribe', subject: 'env-1', details: { n: 3 } });

      const numbers = async (filter?: Parameters<AuditLog['list']>[0]) =>
        (await audit.list(filter)).map((entry) => entry.details.n);
      assert.deepEqual(await numbers(), [3, 2, 1]);
      assert.deepEqual(await numbers({ limit: 2 }), [3, 2]);
      assert.deepEqual(await numbers({ actor: 'a' }), [3, 1]);
      assert.deepEqual(await numbers({ action: 'install', subject: 'env-1' }), [1]);
    });

    it('scrubs credentials from details before they are stored', async () => {
      await audit.append({ actor: 'a', action: 'triage.text', subject: null, details: { pasted: 'connect with password=Winter2026!x', n: 1 } });
      const [entry] = await audit.list();
      assert.deepEqual(entry.details, { pasted: 'connect with password=[redacted]', n: 1 });
    });

    it('refuses UPDATE and DELETE even through raw SQL', async () => {
      await audit.append({ actor: 'a', action: 'install', subject: null, details: {} });
      await assert.rejects(stores.rawQuery("UPDATE audit_log SET actor = 'forged'"), /audit_log is append-only/);
      await assert.rejects(stores.rawQuery('DELETE FROM audit_log'), /audit_log is append-only/);
      assert.deepEqual((await audit.list()).map((entry) => entry.actor), ['a']);
    });
  });
}
