/**
 * Credentials for loopback endpoints. DynamoDB Local accepts any signature, but the SDK still
 * wants credentials to sign with: when the endpoint is on this machine (localhost,
 * 127.0.0.0/8, ::1) and the SDK's credential chain finds nothing, placeholder credentials
 * are used, so a local endpoint needs no AWS setup. Anywhere else the chain decides alone.
 */
import { defaultProvider } from '@aws-sdk/credential-provider-node';

interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}
type CredentialsProvider = (options?: Record<string, unknown>) => Promise<Credentials>;

/** What a loopback endpoint signs with when the chain has nothing. */
export const PLACEHOLDER_CREDENTIALS: Credentials = Object.freeze({
  accessKeyId: 'local',
  secretAccessKey: 'local',
});

/** The endpoint the SDK will use: the configured one, else the standard variables. @internal */
export function effectiveEndpoint(configured: string | undefined): string | undefined {
  return (
    configured ??
    nonEmpty(process.env.AWS_ENDPOINT_URL_DYNAMODB) ??
    nonEmpty(process.env.AWS_ENDPOINT_URL)
  );
}

/** Whether a URL's host is this machine: localhost, 127.0.0.0/8 or ::1. @internal */
export function isLoopbackEndpoint(endpoint: string | undefined): boolean {
  if (endpoint === undefined) return false;
  let host: string;
  try {
    host = new URL(endpoint).hostname.toLowerCase();
  } catch {
    return false;
  }
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

/**
 * The SDK's own credential chain, falling back to placeholders when it finds nothing.
 * Only errors saying "no credentials here" fall back; a broken profile still fails loudly.
 * @internal
 */
export function loopbackCredentials(): CredentialsProvider {
  const chain = defaultProvider();
  let fallback = false;
  return async (options) => {
    if (fallback) return PLACEHOLDER_CREDENTIALS;
    try {
      return await chain(options);
    } catch (error) {
      if ((error as Error).name !== 'CredentialsProviderError') throw error;
      fallback = true;
      return PLACEHOLDER_CREDENTIALS;
    }
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
