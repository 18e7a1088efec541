import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ActivityHandler, CloudAdapter } from 'botbuilder';

/** What the HTTP edge calls for POST /api/messages; the request body is already parsed. */
export type MessageEndpoint = (req: IncomingMessage & { body?: unknown }, res: ServerResponse) => Promise<void>;

/** CloudAdapter authenticates the request and runs the bot's turn. */
export function messageEndpoint(adapter: CloudAdapter, bot: ActivityHandler): MessageEndpoint {
  // restify's request and response satisfy botbuilder's structural Request/Response types.
  return (req, res) => adapter.process(req as never, res as never, (context) => bot.run(context));
}
