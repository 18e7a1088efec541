import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/** Names this process in leases: unique per start, readable in logs (host and pid first). */
export function newLeaseOwner(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}
