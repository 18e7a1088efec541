/** The time source. Production uses the system clock; tests drive it with sinon fake timers. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
