import { noticeActivity } from './replies';
import type { CommandDefinition } from './router';
import type { Turn } from './turn';

// `signin` and `signout`: LCS answers only on behalf of a signed-in person, so checks that read LCS
// need the person's Teams sign-in (SSO). Without SSO configured the commands say so, rather than
// leaving people to wonder why those checks report "unknown".

/** Teams sign-in for the person of a turn; implemented over the Bot Framework token service. */
export interface SignInFlow {
  /** Whether the caller's sign-in can be used for delegated calls now. */
  isSignedIn(turn: Turn): Promise<boolean>;
  /** Sends the sign-in card; Teams completes it silently with SSO when it can. */
  offerSignIn(turn: Turn): Promise<void>;
  signOut(turn: Turn): Promise<void>;
}

const notConfigured = () =>
  noticeActivity({
    title: 'SSO is not configured',
    style: 'attention',
    paragraphs: [
      'Teams single sign-on (SSO) is not configured for this bot, so there is nothing to sign in to. Checks that need LCS report "could not check" with the reason; everything else works.',
      "An administrator turns it on with an OAuth connection on the Azure Bot and SSO_CONNECTION_NAME (see the README's Teams SSO steps).",
    ],
  });

export function signInCommands(flow: SignInFlow | null): CommandDefinition[] {
  const signIn: CommandDefinition = {
    name: 'signin',
    usage: 'signin',
    summary: 'Sign in so checks that need LCS can run.',
    group: 'Getting started',
    scopes: ['personal'],
    permission: null,
    run: async (turn) => {
      if (!flow) {
        await turn.reply(notConfigured());
      } else if (await flow.isSignedIn(turn)) {
        await turn.reply(
          noticeActivity({
            title: 'You are signed in',
            paragraphs: ['Checks that need LCS run on your behalf. Type **signout** to stop that.'],
          }),
        );
      } else {
        await flow.offerSignIn(turn);
      }
    },
  };
  const signOut: CommandDefinition = {
    name: 'signout',
    usage: 'signout',
    summary: 'Sign out: checks that need LCS stop running on your behalf.',
    group: 'Getting started',
    scopes: ['personal'],
    permission: null,
    run: async (turn) => {
      if (!flow) {
        await turn.reply(notConfigured());
        return;
      }
      await flow.signOut(turn);
      await turn.reply(
        noticeActivity({
          title: 'You are signed out',
          paragraphs: ['Checks that need LCS will say they could not run until you type **signin** again.'],
        }),
      );
    },
  };
  return [signIn, signOut];
}
