// Lint with import boundaries: the layers of docs/architecture.md, enforced. A rule broken here
// fails `npm run lint`, which `npm test` and CI run.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const botbuilder = {
  group: ['botbuilder', 'botbuilder-*', 'botframework-*'],
  message: 'Only src/teams/ talks to the Bot Framework SDK; commands get our own Turn (src/commands/turn.ts).',
};
/** Relative imports that leave the folder, as patterns for no-restricted-imports. */
const outside = (...folders) =>
  folders.map((folder) => ({
    group: [`**/${folder}`, `**/${folder}/**`],
    message: `This layer may not import src/${folder}: see docs/architecture.md.`,
  }));
const restrict = (files, patterns) => ({ files, rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] } });

const LAYERS = ['adapters', 'commands', 'cards', 'notifications', 'storage', 'teams', 'app', 'server', 'index', 'config', 'downloads', 'logger'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'build/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  // The domain: model, ports and pure rules. Nothing but itself and the dependency-free src/util.
  restrict(['src/domain/**/*.ts'], [botbuilder, ...outside(...LAYERS)]),
  // General helpers: depend on nothing in the project.
  restrict(['src/util/**/*.ts'], [botbuilder, ...outside('domain', ...LAYERS)]),
  // Adapters of the lifecycle port depend inward only (domain, util), never on the bot's other parts.
  restrict(['src/adapters/**/*.ts'], [botbuilder, ...outside('commands', 'cards', 'notifications', 'teams', 'app', 'server', 'index')]),
  // Storage knows only the domain and util.
  restrict(['src/storage/**/*.ts'], [botbuilder, ...outside('adapters', 'commands', 'cards', 'notifications', 'teams', 'app', 'server', 'index')]),
  // Card view models: domain and util, no handlers, no adapters.
  restrict(['src/cards/**/*.ts'], [botbuilder, ...outside('adapters', 'commands', 'notifications', 'storage', 'teams', 'app', 'server', 'index')]),
  // Notifications: watch, outbox, delivery. They use the ports, never a concrete adapter or handler.
  restrict(['src/notifications/**/*.ts'], [botbuilder, ...outside('adapters', 'commands', 'teams', 'app', 'server', 'index')]),
  // Command and card-action handlers: through ports and the Turn, never a concrete adapter or botbuilder.
  restrict(['src/commands/**/*.ts'], [botbuilder, ...outside('adapters', 'teams', 'app', 'server', 'index')]),
  // The Teams edge may use anything inward except concrete lifecycle adapters.
  restrict(['src/teams/**/*.ts'], [...outside('adapters', 'app', 'server', 'index')]),
  // The HTTP edge and the rest of the top level stay free of botbuilder (src/teams wraps it).
  restrict(['src/*.ts'], [botbuilder]),
);
