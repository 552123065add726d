/**
 * The two ways an integration logs in to NetSuite, behind one small interface: token-based
 * authentication signs every request (OAuth 1.0a, HMAC-SHA256); OAuth 2.0 client credentials
 * carries a bearer token obtained and renewed through the token endpoint.
 */
import { tbaAuthorization, type TbaCredentials } from "./oauth1";
import { clientAssertion, TOKEN_PATH, TokenCache, type OAuth2Credentials } from "./oauth2";

export type NetSuiteCredentials = ({ kind: "oauth2" } & OAuth2Credentials) | ({ kind: "tba" } & TbaCredentials);

export interface Authorizer {
  /** Work that need not hold a concurrency slot (getting a token). `fresh` forgets the cached one. */
  prepare(fresh?: boolean): Promise<void>;
  /** The Authorization header for one attempt. */
  header(method: string, url: URL): Promise<string>;
  /** NetSuite refused this header's login. */
  rejected(header: string): void;
}

export type TokenFetcher = (tokenUrl: string, assertion: string) => Promise<{ token: string; ttlSeconds: number }>;

export function tbaAuthorizer(realm: string, c: TbaCredentials): Authorizer {
  return {
    prepare: async () => undefined,
    header: async (method, url) => tbaAuthorization(method, url, realm, c),
    rejected: () => undefined,
  };
}

export function oauth2Authorizer(baseUrl: string, c: OAuth2Credentials, cache: TokenCache, fetchToken: TokenFetcher): Authorizer {
  const tokenUrl = baseUrl + TOKEN_PATH;
  const key = `${tokenUrl}|${c.clientId}|${c.certificateId}`;
  const token = () => cache.get(key, () => fetchToken(tokenUrl, clientAssertion(c, tokenUrl)));
  return {
    prepare: async (fresh) => {
      if (fresh) cache.invalidate(key);
      await token();
    },
    header: async () => `Bearer ${await token()}`,
    rejected: (header) => cache.invalidate(key, header.replace(/^Bearer /, "")),
  };
}

export const sharedTokenCache = new TokenCache();
