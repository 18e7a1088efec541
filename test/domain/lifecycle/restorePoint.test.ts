import assert from 'node:assert/strict';
import { formatForCmdlet, parseRestorePoint, type RestorePointResult } from '../../../src/domain/lifecycle/restorePoint';

const NOW = new Date('2025-06-02T09:00:00.000Z');

function utcOf(result: RestorePointResult): string {
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return result.utc.toISOString();
}

function reasonOf(result: RestorePointResult): string {
  assert.ok(!result.ok, result.ok ? `accepted as ${result.utc.toISOString()}` : '');
  return result.reason;
}

describe('lifecycle rules: restore points', () => {
  describe('retention', () => {
    it('accepts exactly 28 days back for production and refuses one minute more', () => {
      assert.equal(utcOf(parseRestorePoint('2025-05-05 09:00', 'UTC', NOW, 'Production')), '2025-05-05T09:00:00.000Z');
      assert.match(reasonOf(parseRestorePoint('2025-05-05 08:59', 'UTC', NOW, 'Production')), /more than 28 days/);
    });

    it('accepts exactly 7 days back for a sandbox and refuses one minute more', () => {
      assert.equal(utcOf(parseRestorePoint('2025-05-26 09:00', 'UTC', NOW, 'Sandbox')), '2025-05-26T09:00:00.000Z');
      assert.match(reasonOf(parseRestorePoint('2025-05-26 08:59', 'UTC', NOW, 'Sandbox')), /more than 7 days/);
      assert.match(reasonOf(parseRestorePoint('2025-05-10 09:00', 'UTC', NOW, 'Sandbox')), /7 days/);
    });

    it('measures the edge in the zone the person typed in', () => {
      // 11:00 in Berlin summer time is 09:00 UTC.
      assert.equal(utcOf(parseRestorePoint('2025-05-05 11:00', 'Europe/Berlin', NOW, 'Production')), '2025-05-05T09:00:00.000Z');
      assert.ok(!parseRestorePoint('2025-05-05 10:59', 'Europe/Berlin', NOW, 'Production').ok);
    });

    it('accepts now and refuses the future', () => {
      assert.equal(utcOf(parseRestorePoint('2025-06-02 09:00', 'UTC', NOW, 'Sandbox')), NOW.toISOString());
      assert.match(reasonOf(parseRestorePoint('2025-06-02 09:01', 'UTC', NOW, 'Sandbox')), /future/);
      assert.match(reasonOf(parseRestorePoint('2025-06-02T11:30:00+02:00', 'UTC', NOW, 'Sandbox')), /future/);
    });

    it('refuses DevTest and cloud-hosted environments, which have no point-in-time restore', () => {
      assert.match(reasonOf(parseRestorePoint('2025-06-01 09:00', 'UTC', NOW, 'DevTest')), /not for DevTest/);
    });
  });

  describe('formats', () => {
    it('reads yyyy-MM-dd HH:mm, with seconds, and ISO 8601 with Z or an offset', () => {
      assert.equal(utcOf(parseRestorePoint('2025-06-01 10:15', 'UTC', NOW, 'Sandbox')), '2025-06-01T10:15:00.000Z');
      assert.equal(utcOf(parseRestorePoint('2025-06-01 10:15:30', 'UTC', NOW, 'Sandbox')), '2025-06-01T10:15:30.000Z');
      assert.equal(utcOf(parseRestorePoint(' 2025-06-01T10:15:30Z ', 'Europe/Berlin', NOW, 'Sandbox')), '2025-06-01T10:15:30.000Z');
      assert.equal(utcOf(parseRestorePoint('2025-06-01T10:15:30.250Z', 'UTC', NOW, 'Sandbox')), '2025-06-01T10:15:30.250Z');
      assert.equal(utcOf(parseRestorePoint('2025-06-01T10:15+02:00', 'UTC', NOW, 'Sandbox')), '2025-06-01T08:15:00.000Z');
      assert.equal(utcOf(parseRestorePoint('2025-06-01 10:15-0400', 'UTC', NOW, 'Sandbox')), '2025-06-01T14:15:00.000Z');
      assert.equal(utcOf(parseRestorePoint('2025-06-01T10:15:00+05:30', 'UTC', NOW, 'Sandbox')), '2025-06-01T04:45:00.000Z');
    });

    for (const text of [
      '',
      'yesterday',
      '2025-06-01',
      '2025/06/01 10:00',
      '2025-06-01 9:00',
      '01-06-2025 10:00',
      '2025-13-01 10:00',
      '2025-02-29 10:00',
      '2025-04-31 10:00',
      '2025-06-01 24:00',
      '2025-06-01 10:60',
      '2025-06-01 10:00:60',
      '2025-06-01T10:00+15:00',
      '2025-06-01T10:00+02:75',
      '2025-06-01 10:00 PM',
      '2025-06-01 10:00; Remove-Item',
    ]) {
      it(`refuses malformed text ${JSON.stringify(text)}`, () => {
        assert.ok(!parseRestorePoint(text, 'UTC', NOW, 'Production').ok);
      });
    }

    it('knows leap days', () => {
      const now = new Date('2024-03-01T00:00:00Z');
      assert.equal(utcOf(parseRestorePoint('2024-02-29 12:00', 'UTC', now, 'Production')), '2024-02-29T12:00:00.000Z');
    });
  });

  describe('time zones', () => {
    it('converts wall-clock time in the zone to UTC, summer and winter', () => {
      assert.equal(utcOf(parseRestorePoint('2025-06-01 12:00', 'Europe/Berlin', NOW, 'Sandbox')), '2025-06-01T10:00:00.000Z');
      assert.equal(utcOf(parseRestorePoint('2025-06-01 12:00', 'America/New_York', NOW, 'Sandbox')), '2025-06-01T16:00:00.000Z');
      assert.equal(utcOf(parseRestorePoint('2025-06-01 12:00', 'Asia/Kolkata', NOW, 'Sandbox')), '2025-06-01T06:30:00.000Z');
      const winter = new Date('2025-01-20T00:00:00Z');
      assert.equal(utcOf(parseRestorePoint('2025-01-15 12:00', 'Europe/Berlin', winter, 'Sandbox')), '2025-01-15T11:00:00.000Z');
      assert.equal(utcOf(parseRestorePoint('2025-01-15 12:00', 'America/New_York', winter, 'Sandbox')), '2025-01-15T17:00:00.000Z');
    });

    it('handles the spring-forward gap in Europe/Berlin (02:00–03:00 on 30 March 2025 never happened)', () => {
      const now = new Date('2025-04-01T12:00:00Z');
      assert.equal(utcOf(parseRestorePoint('2025-03-30 01:59', 'Europe/Berlin', now, 'Sandbox')), '2025-03-30T00:59:00.000Z');
      assert.match(reasonOf(parseRestorePoint('2025-03-30 02:30', 'Europe/Berlin', now, 'Sandbox')), /never happened.*jumped forward/);
      assert.equal(utcOf(parseRestorePoint('2025-03-30 03:00', 'Europe/Berlin', now, 'Sandbox')), '2025-03-30T01:00:00.000Z');
    });

    it('takes the first of the two 02:30s when Europe/Berlin falls back, and says so', () => {
      const now = new Date('2025-10-30T12:00:00Z');
      const result = parseRestorePoint('2025-10-26 02:30', 'Europe/Berlin', now, 'Sandbox');
      assert.equal(utcOf(result), '2025-10-26T00:30:00.000Z');
      assert.ok(result.ok);
      assert.match(result.display, /UTC\+02:00.*happened twice.*UTC\+01:00/);
      assert.equal(utcOf(parseRestorePoint('2025-10-26T02:30+01:00', 'Europe/Berlin', now, 'Sandbox')), '2025-10-26T01:30:00.000Z');
      assert.equal(utcOf(parseRestorePoint('2025-10-26 03:30', 'Europe/Berlin', now, 'Sandbox')), '2025-10-26T02:30:00.000Z');
    });

    it('handles both America/New_York transitions', () => {
      const spring = new Date('2025-03-12T00:00:00Z');
      assert.equal(utcOf(parseRestorePoint('2025-03-09 01:30', 'America/New_York', spring, 'Sandbox')), '2025-03-09T06:30:00.000Z');
      assert.ok(!parseRestorePoint('2025-03-09 02:30', 'America/New_York', spring, 'Sandbox').ok);
      assert.equal(utcOf(parseRestorePoint('2025-03-09 03:30', 'America/New_York', spring, 'Sandbox')), '2025-03-09T07:30:00.000Z');
      const autumn = new Date('2025-11-05T00:00:00Z');
      assert.equal(utcOf(parseRestorePoint('2025-11-02 01:30', 'America/New_York', autumn, 'Sandbox')), '2025-11-02T05:30:00.000Z');
      assert.equal(utcOf(parseRestorePoint('2025-11-02 02:30', 'America/New_York', autumn, 'Sandbox')), '2025-11-02T07:30:00.000Z');
    });

    it('refuses a zone Intl does not know, or none', () => {
      assert.match(reasonOf(parseRestorePoint('2025-06-01 10:00', 'Mars/Olympus_Mons', NOW, 'Sandbox')), /not a time zone/);
      assert.match(reasonOf(parseRestorePoint('2025-06-01 10:00', '', NOW, 'Sandbox')), /not a time zone/);
      assert.match(reasonOf(parseRestorePoint('2025-06-01T10:00Z', 'CEST+2', NOW, 'Sandbox')), /not a time zone/);
    });

    it('shows the time in the zone with its offset next to the UTC time', () => {
      const result = parseRestorePoint('2025-06-01 12:00', 'Europe/Berlin', NOW, 'Sandbox');
      assert.ok(result.ok);
      assert.equal(result.display, '2025-06-01 12:00 Europe/Berlin (UTC+02:00) = 2025-06-01 10:00 UTC');
    });
  });

  it('formats a moment for Restore-PowerAppEnvironment as yyyy-MM-dd HH:mm:ss in UTC', () => {
    assert.equal(formatForCmdlet(new Date('2025-06-01T10:05:07.890Z')), '2025-06-01 10:05:07');
    assert.equal(formatForCmdlet(new Date('2025-01-02T03:04:05+02:00')), '2025-01-02 01:04:05');
  });
});
