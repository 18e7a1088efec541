import type { World } from '../src/adapters/simulator/worldSchema';

// The Agents Playground's mock Teams context (its YAML config), made from a simulator world so the
// person you chat as is one of the world's people and the bot gives them their role. `npm start --
// --as helpdesk` (or PLAYGROUND_USER=helpdesk) picks the person by role, first name, full name or
// object id; everyone else in the world is a member of the group chat and the team.

export type WorldPerson = World['users'][number];
export type PersonRole = 'admin' | 'helpdesk' | 'viewer' | 'none';

/** The ids the bot is known by in the Playground; fixed so stored conversations survive restarts. */
export const PLAYGROUND_BOT = { id: '00000000-0000-0000-0000-0000000b0001', name: 'PPI Assistant' };

export function roleOfPerson(world: World, objectId: string): PersonRole {
  for (const role of ['admin', 'helpdesk', 'viewer'] as const) {
    if (world.assistantRoles[role].includes(objectId)) return role;
  }
  return 'none';
}

const ROLE_WORDS = new Set(['admin', 'helpdesk', 'viewer']);

/**
 * The world person `who` names: a role (the first person holding it), a first or full name, or an
 * object id; by default the world's first admin. Throws with the choices when nobody matches.
 */
export function choosePerson(world: World, who: string | undefined): WorldPerson {
  const wanted = fold(who ?? 'admin');
  const people = world.users.filter((u) => u.tenantId === world.tenant.id);
  const found = ROLE_WORDS.has(wanted)
    ? people.find((u) => roleOfPerson(world, u.objectId) === wanted)
    : people.find((u) => [u.displayName, firstName(u), u.objectId, u.userPrincipalName].some((n) => fold(n) === wanted));
  if (found) return found;
  const choices = people.map((u) => `${firstName(u).toLowerCase()} (${roleOfPerson(world, u.objectId)})`).join(', ');
  throw new Error(`Nobody in the world "${world.id}" is "${who}". Choose a role (admin, helpdesk, viewer) or one of: ${choices}.`);
}

/** Case and accents do not matter: `--as tomas` finds Tomás. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{Mark}/gu, '').trim().toLowerCase();
}

export function firstName(person: WorldPerson): string {
  return person.displayName.split(/\s+/)[0];
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mark}/gu, '')
    .replace(/[^\p{Letter}\p{Number}]+/gu, '-')
    .toLowerCase()
    .replace(/^-|-$/g, '');
}

const PLAYGROUND_MIN_USERS = 5;

function colleague(world: World, n: number): WorldPerson {
  const domain = world.users[0]?.userPrincipalName.split('@')[1] ?? 'example.com';
  return {
    objectId: `00000000-0000-0000-0000-0000000e${String(n).padStart(4, '0')}`,
    displayName: `Colleague ${n}`,
    userPrincipalName: `colleague${n}@${domain}`,
    tenantId: world.tenant.id,
    entraRoles: [],
    licenses: [],
    dataverseRoles: [],
    lcsProjectRoles: [],
  };
}

/** The person's fields, one `key: value` line each; YAML double-quoted scalars are JSON strings. */
function userFields(person: WorldPerson): string[] {
  const [given, ...rest] = person.displayName.split(/\s+/);
  const fields: [string, string][] = [
    ['id', `user-${slug(person.displayName)}`],
    ['name', person.displayName],
    // "Principle" is the Playground's own spelling of the field.
    ['userPrincipleName', person.userPrincipalName],
    ['aadObjectId', person.objectId],
    ['givenName', given],
    ['surname', rest.join(' ') || given],
    ['email', person.userPrincipalName],
  ];
  return fields.map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
}

/** The Playground config (YAML) for chatting as `person` in `world`. */
export function playgroundConfigYaml(world: World, person: WorldPerson): string {
  const others = world.users.filter((u) => u.objectId !== person.objectId && u.tenantId === world.tenant.id);
  // The Playground refuses a config with fewer than five other users; small worlds get colleagues
  // who are not in the world and have no role in PPI Assistant.
  for (let n = 1; others.length < PLAYGROUND_MIN_USERS; n += 1) others.push(colleague(world, n));
  const tenantSlug = slug(world.tenant.displayName);
  return [
    `# Made by npm start from the world "${world.id}": you are ${person.displayName} (${roleOfPerson(world, person.objectId)}).`,
    'version: "0.1.1"',
    `tenantId: ${JSON.stringify(world.tenant.id)}`,
    'bot:',
    `  id: ${JSON.stringify(PLAYGROUND_BOT.id)}`,
    `  name: ${JSON.stringify(PLAYGROUND_BOT.name)}`,
    'currentUser:',
    ...userFields(person).map((line) => `  ${line}`),
    others.length ? 'users:' : 'users: []',
    ...others.flatMap((u) => userFields(u).map((line, i) => `${i === 0 ? '  - ' : '    '}${line}`)),
    'personalChat:',
    `  id: ${JSON.stringify(`personal-chat-${slug(person.displayName)}`)}`,
    'groupChat:',
    `  id: ${JSON.stringify(`19:${tenantSlug}-ppi-group@thread.v2`)}`,
    '  name: "PPI rollout"',
    'team:',
    `  id: ${JSON.stringify(`19:${tenantSlug}-erp-team@thread.tacv2`)}`,
    `  name: ${JSON.stringify(`${world.tenant.displayName} ERP`)}`,
    `  aadGroupId: ${JSON.stringify(`${world.tenant.id.slice(0, -4)}d001`)}`,
    '  channels:',
    `    - id: ${JSON.stringify(`19:${tenantSlug}-erp-ops@thread.tacv2`)}`,
    '      name: "ERP operations"',
    '',
  ].join('\n');
}

/** Where the config for this person is written (under data/, beside the store). */
export function playgroundConfigName(world: World, person: WorldPerson): string {
  return `playground-${slug(world.id)}-${slug(firstName(person))}.yml`;
}
