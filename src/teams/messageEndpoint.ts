import type { Activity, ActivityHandler } from 'botbuilder';
import { z } from 'zod';
import type { VerifiedCloudAdapter } from './adapter';
import { checkActivityBinding, type BotTokenVerifier, type VerifiedToken } from './auth/botTokenVerifier';

// POST /api/messages after the HTTP edge has read the body. The token was verified before the body
// was read; here the activity is checked for the fields botbuilder's plumbing needs (an activity
// without them would make the adapter throw outside any turn, a 500) and for the token's binding to
// it (channel endorsement, service URL), then the turn runs.

export interface MessageOutcome {
  status: number;
  body?: unknown;
}

export interface MessageEndpoint {
  /** The verified token, or null when authentication is off. Throws TokenRejectedError or KeySetUnavailableError. */
  authenticate(authorization: string | undefined): Promise<VerifiedToken | null>;
  /** Runs one activity parsed from JSON. Throws ActivityRefusedError or TokenRejectedError. */
  run(token: VerifiedToken | null, activity: unknown): Promise<MessageOutcome>;
}

/** The request is answered 400; the reason is for the log. */
export class ActivityRefusedError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ActivityRefusedError';
  }
}

const id = z.string().max(1000);
/** The smallest activity botbuilder can route and answer; everything else passes through untouched. */
const activityShape = z
  .object({
    type: z.string().min(1).max(100),
    id: id.optional(),
    channelId: z.string().min(1).max(100),
    serviceUrl: z
      .string()
      .max(2000)
      .refine((value) => /^https?:\/\/\S+$/i.test(value) && URL.canParse(value), 'not an http(s) URL'),
    conversation: z.object({ id: id.min(1) }).passthrough(),
    from: z.object({ id: id.optional() }).passthrough().optional(),
    recipient: z.object({ id: id.optional() }).passthrough().optional(),
    text: z.string().max(100_000).optional(),
    attachments: z.array(z.unknown()).max(50).optional(),
    entities: z.array(z.unknown()).max(50).optional(),
    timestamp: z.string().datetime({ offset: true }).optional(),
    localTimestamp: z.string().datetime({ offset: true }).optional(),
  })
  .passthrough();

export function messageEndpoint(adapter: VerifiedCloudAdapter, bot: ActivityHandler, verifier: BotTokenVerifier | null): MessageEndpoint {
  return {
    authenticate: async (authorization) => (verifier ? verifier.verify(authorization) : null),
    async run(token, body) {
      const parsed = activityShape.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new ActivityRefusedError(`${issue.path.join('.') || 'the body'}: ${issue.message}`);
      }
      const activity = parsed.data as unknown as Activity;
      // botbuilder expects Date objects where the wire carries strings.
      if (typeof parsed.data.timestamp === 'string') activity.timestamp = new Date(parsed.data.timestamp);
      if (typeof parsed.data.localTimestamp === 'string') activity.localTimestamp = new Date(parsed.data.localTimestamp);
      if (token) checkActivityBinding(token, activity);
      const response = await adapter.runVerified(token?.claims ?? null, activity, bot);
      // botbuilder answers an invoke no handler knows with 501; it is the caller's request that is
      // wrong, and a 5xx would read as the bot failing.
      if (response?.status === 501) return { status: 400, body: { error: `the bot does not handle invoke "${String(parsed.data.name ?? '')}"`.slice(0, 200) } };
      return { status: response?.status ?? 200, body: response?.body };
    },
  };
}
