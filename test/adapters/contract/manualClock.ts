import type { Clock } from '../../../src/clock';

/** A clock that moves only when the test says: operations, limits and grace periods run on it. */
export class ManualClock implements Clock {
  constructor(public ms = Date.parse('2025-06-02T09:00:00.000Z')) {}

  now(): Date {
    return new Date(this.ms);
  }

  advance(ms: number): void {
    this.ms += ms;
  }
}
