import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

// MSAL's token requests over fetch. MSAL's default client uses node's https module only; this one
// applies the adapter's timeout to sign-in calls too, and speaks plain http to a loopback authority,
// which is how the tests answer token requests locally (the config allows http only on loopback).

export class FetchNetworkClient implements INetworkModule {
  constructor(private readonly timeoutMs: number) {}

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options);
  }

  private async send<T>(method: string, url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    const response = await fetch(url, {
      method,
      headers: options?.headers,
      body: options?.body,
      signal: AbortSignal.timeout(timeout ?? this.timeoutMs),
      redirect: 'error',
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      // MSAL reads `error`/`error_description` from failed responses; keep a non-JSON answer readable.
      body = { error: 'invalid_response', error_description: `HTTP ${response.status} with a body that is not JSON` };
    }
    return { status: response.status, headers: Object.fromEntries(response.headers.entries()), body: body as T };
  }
}
