/**
 * `POST /shops/{shop}/admin/oauth/access_token`: the token exchange an embedded app performs on
 * install (session token → offline or online access token). Accepts JSON (what
 * @shopify/shopify-api sends) or a form body.
 */
import crypto from "node:crypto";
import { z } from "zod";
import type { HttpAnswer } from "./graphql";
import { JwtError, verifyHs256 } from "./jwt";
import type { SimShop } from "./model";
import type { SimState } from "./state";

export const GRANT_TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
export const ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";
export const OFFLINE_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:offline-access-token";
export const ONLINE_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:online-access-token";

const body = z.object({
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  grant_type: z.string().optional(),
  subject_token: z.string().optional(),
  subject_token_type: z.string().optional(),
  requested_token_type: z.string().optional(),
  expiring: z.union([z.string(), z.number(), z.boolean()]).optional(),
});

const oauthError = (status: number, error: string, description: string): HttpAnswer => ({
  status,
  body: { error, error_description: description },
});

function readBody(raw: string, contentType: string): unknown {
  if (contentType.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(raw));
  try {
    return JSON.parse(raw);
  } catch {
    return Object.fromEntries(new URLSearchParams(raw));
  }
}

const newToken = (prefix: string) => `${prefix}_${crypto.randomBytes(16).toString("hex")}`;

export function handleTokenExchange(state: SimState, shop: SimShop, raw: string, contentType: string): HttpAnswer {
  state.stats.tokenExchanges++;
  const parsed = body.safeParse(readBody(raw, contentType));
  if (!parsed.success) return oauthError(400, "invalid_request", "The request body could not be read.");
  const b = parsed.data;
  const { apiKey, apiSecret, scope } = state.config;
  if (b.client_id !== apiKey || b.client_secret !== apiSecret)
    return oauthError(401, "invalid_client", "Client authentication failed: unknown client or wrong client secret.");
  if (b.grant_type !== GRANT_TOKEN_EXCHANGE) return oauthError(400, "unsupported_grant_type", "The grant type is not supported.");
  if (!b.subject_token) return oauthError(400, "missing_subject_token", "The subject_token parameter is missing.");
  if (b.subject_token_type !== ID_TOKEN_TYPE) return oauthError(400, "invalid_request", "subject_token_type must be an id_token.");
  let claims: Record<string, unknown>;
  try {
    claims = verifyHs256(b.subject_token, apiSecret, state.nowMs());
  } catch (e) {
    return oauthError(400, "invalid_subject_token", `Invalid subject token: ${e instanceof JwtError ? e.message : "unreadable"}.`);
  }
  if (claims.aud !== apiKey || claims.dest !== `https://${shop.domain}`)
    return oauthError(400, "invalid_subject_token", "Invalid subject token: audience or destination does not match.");
  const requested = b.requested_token_type ?? OFFLINE_TOKEN_TYPE;
  if (requested === ONLINE_TOKEN_TYPE) {
    const token = newToken("shpua");
    shop.tokens.set(token, { scope, online: true });
    const userId = Number(claims.sub ?? 1);
    return {
      status: 200,
      body: {
        access_token: token,
        scope,
        expires_in: 86399,
        associated_user_scope: scope,
        associated_user: {
          id: userId,
          first_name: "Demo",
          last_name: "Staff",
          email: `staff${userId}@${shop.domain}`,
          account_owner: userId === 1,
          locale: "en",
          collaborator: false,
          email_verified: true,
        },
      },
    };
  }
  if (requested !== OFFLINE_TOKEN_TYPE) return oauthError(400, "invalid_request", "Unknown requested_token_type.");
  const token = newToken("shpat");
  shop.tokens.set(token, { scope, online: false });
  const expiring = b.expiring === "1" || b.expiring === 1 || b.expiring === true;
  return {
    status: 200,
    body: expiring
      ? { access_token: token, scope, expires_in: 3600, refresh_token: newToken("shprt"), refresh_token_expires_in: 7_776_000 }
      : { access_token: token, scope },
  };
}
