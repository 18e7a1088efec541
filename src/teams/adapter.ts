import { randomUUID } from 'node:crypto';
import { CallerIdConstants, CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type ActivityHandler, type TurnContext } from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity } from 'botframework-connector';
import type { Clock } from '../clock';
import { isAuthenticationEnabled, type Config } from '../config';
import { apology } from '../commands/replies';
import type { Logger } from '../logger';
import { BotTokenVerifier, BOT_FRAMEWORK_ISSUER, type TokenClaims, type TrustedIssuer } from './auth/botTokenVerifier';
import { OpenIdKeySet } from './auth/openIdKeySet';
import { ReusedClientsAuthentication } from './reusedClientsAuthentication';

export type { CloudAdapter };

/**
 * The Bot Framework adapter. Inbound requests are authenticated by our own verifier (see
 * auth/botTokenVerifier.ts) before their body is read; the adapter is then handed the verified
 * claims and never validates or fetches keys itself. With an empty app id authentication is off
 * (local Playground use only) and turns run with botbuilder's anonymous identity.
 */
export class VerifiedCloudAdapter extends CloudAdapter {
  /** Runs a turn for an activity whose token was verified; `claims` null means authentication is off. */
  runVerified(claims: TokenClaims | null, activity: Activity, bot: ActivityHandler) {
    const logic = (context: TurnContext) => bot.run(context);
    // With authentication off botbuilder answers an empty header with an anonymous identity, offline.
    if (!claims) return this.processActivity('', activity, logic);
    const claimsIdentity = new ClaimsIdentity(
      Object.entries(claims).map(([type, value]) => ({ type, value: typeof value === 'string' ? value : JSON.stringify(value) })),
      true,
    );
    return this.processActivity(
      {
        claimsIdentity,
        audience: AuthenticationConstants.ToChannelFromBotOAuthScope,
        callerId: CallerIdConstants.PublicAzureChannel,
        connectorFactory: this.botFrameworkAuthentication.createConnectorFactory(claimsIdentity),
      },
      activity,
      logic,
    );
  }
}

export function createAdapter(config: Config, logger: Logger): VerifiedCloudAdapter {
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
  const adapter = new VerifiedCloudAdapter(new ReusedClientsAuthentication(auth));

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

/** The verifier of inbound tokens, or null when authentication is off. */
export function createTokenVerifier(config: Config, clock: Clock): BotTokenVerifier | null {
  if (!isAuthenticationEnabled(config)) return null;
  const keySet = (metadataUrl: string) => new OpenIdKeySet({ metadataUrl, clock, timeoutMs: config.AUTH_METADATA_TIMEOUT_MS });
  const trusted: TrustedIssuer[] = [{ issuers: [BOT_FRAMEWORK_ISSUER], keys: keySet(config.BOT_OPENID_METADATA_URL) }];
  const tenant = config.MicrosoftAppTenantId;
  if (tenant) {
    // Entra's own tokens for the app (v1 and v2 issuers of its tenant); their keys are read only when one arrives.
    trusted.push({
      issuers: [`https://sts.windows.net/${tenant}/`, `https://login.microsoftonline.com/${tenant}/v2.0`],
      keys: keySet(config.ENTRA_OPENID_METADATA_URL.replace('{tenant}', encodeURIComponent(tenant))),
    });
  }
  return new BotTokenVerifier({ appId: config.MicrosoftAppId, trusted, clock });
}
