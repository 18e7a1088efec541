import type { Activity, SignInUrlResponse, TokenExchangeRequest, TokenResponse, TurnContext } from 'botbuilder';

// The Bot Framework token service (token.botframework.com), as the CloudAdapter hands it to a turn:
// a UserTokenClient in turn state, authenticated as the bot. botbuilder does not export that class,
// so this names the four calls the bot makes; a UserTokenClient fits it as is.

export interface TokenService {
  /** The connection's token for a Teams user (`29:…`); `magicCode` completes a sign-in card flow. */
  getUserToken(userId: string, connectionName: string, channelId: string, magicCode?: string): Promise<TokenResponse | null | undefined>;
  exchangeToken(userId: string, connectionName: string, channelId: string, request: TokenExchangeRequest): Promise<TokenResponse | null | undefined>;
  getSignInResource(connectionName: string, activity: Activity, finalRedirect: string): Promise<SignInUrlResponse>;
  signOutUser(userId: string, connectionName: string, channelId: string): Promise<void>;
}

/** The turn's token service; undefined on adapters that have none (botbuilder's TestAdapter). */
export function tokenServiceOf(context: TurnContext): TokenService | undefined {
  const key = (context.adapter as { UserTokenClientKey?: symbol }).UserTokenClientKey;
  return key ? context.turnState.get<TokenService>(key) : undefined;
}

/**
 * What may be logged about a failed call: the HTTP status and error code only. The error object
 * itself carries the request (with the bot's Authorization header) and the response body.
 */
export function describeFailure(error: unknown): { status?: number; code?: string; name?: string } {
  if (typeof error !== 'object' || error === null) return {};
  const { statusCode, code, name } = error as { statusCode?: unknown; code?: unknown; name?: unknown };
  return {
    ...(typeof statusCode === 'number' ? { status: statusCode } : {}),
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof name === 'string' ? { name } : {}),
  };
}
