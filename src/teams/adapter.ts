import { randomUUID } from 'node:crypto';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import { isAuthenticationEnabled, type Config } from '../config';
import { apology } from '../commands/replies';
import type { Logger } from '../logger';

/**
 * The Bot Framework adapter. With an app id, inbound requests must carry a valid Bot Framework
 * token; with an empty one, authentication is off (local Playground use only).
 */
export type { CloudAdapter };

export function createAdapter(config: Config, logger: Logger): CloudAdapter {
  // botbuilder asserts an app id for SingleTenant/UserAssignedMSI; local mode leaves the type unset,
  // which with an empty id is its "authentication disabled" case.
  const auth = new ConfigurationBotFrameworkAuthentication(
    isAuthenticationEnabled(config)
      ? {
          MicrosoftAppId: config.MicrosoftAppId,
          MicrosoftAppPassword: config.MicrosoftAppPassword,
          MicrosoftAppType: config.MicrosoftAppType,
          MicrosoftAppTenantId: config.MicrosoftAppTenantId,
        }
      : {},
  );
  const adapter = new CloudAdapter(auth);

  // Last line of defence: the bot already catches failures per request; this covers the plumbing.
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const correlationId = randomUUID();
    logger.error({ err: error, correlationId, activityType: context.activity?.type }, 'unhandled turn error');
    if (context.activity?.type === 'message') {
      try {
        await context.sendActivity(apology(correlationId));
      } catch (sendError) {
        logger.warn({ err: sendError, correlationId }, 'could not send the apology');
      }
    }
  };
  return adapter;
}
