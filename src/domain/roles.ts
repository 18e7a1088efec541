// The bot's own roles, separate from Entra or Dataverse roles: who may do what in PPI Assistant.
// Enforced on every action in the handlers, not only by hiding buttons.

export type AssistantRole = 'admin' | 'helpdesk' | 'viewer' | 'none';

export type AssistantPermission =
  | 'view' // status, verify, readiness results, lifecycle answers, opening plans
  | 'plan' // make paired plans and tick their steps, on any plan the person can see
  | 'triage' // triage, hand-off, notify admins
  | 'operate' // confirm setup, resume, run lifecycle operations
  | 'subscribe' // subscribe a channel to an environment
  | 'audit'; // read the audit log

const PERMISSIONS: Record<AssistantRole, readonly AssistantPermission[]> = {
  admin: ['view', 'plan', 'triage', 'operate', 'subscribe', 'audit'],
  helpdesk: ['view', 'plan', 'triage'],
  viewer: ['view'],
  none: [],
};

export function can(role: AssistantRole, permission: AssistantPermission): boolean {
  return PERMISSIONS[role].includes(permission);
}

export interface RoleAssignments {
  admin: readonly string[];
  helpdesk: readonly string[];
  viewer: readonly string[];
}

/** Maps Entra object ids to roles; when an id is listed twice the strongest role wins. */
export class RoleDirectory {
  private readonly roles = new Map<string, AssistantRole>();

  constructor(...sources: RoleAssignments[]) {
    for (const role of ['viewer', 'helpdesk', 'admin'] as const) {
      for (const source of sources) for (const id of source[role]) this.roles.set(id.toLowerCase(), role);
    }
  }

  /** Everyone holding exactly this role (lower-cased object ids). */
  holders(role: AssistantRole): string[] {
    return [...this.roles].filter(([, r]) => r === role).map(([id]) => id);
  }

  roleOf(objectId: string | null | undefined): AssistantRole {
    if (!objectId) return 'none';
    return this.roles.get(objectId.toLowerCase()) ?? 'none';
  }
}

export const ROLE_LABELS: Record<AssistantRole, string> = {
  admin: 'admin',
  helpdesk: 'helpdesk',
  viewer: 'viewer',
  none: 'no PPI Assistant role',
};
