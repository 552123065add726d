/** A shop's lifecycle, with the moves allowed between states. */
export const SHOP_STATUS = Object.freeze({
  installed: "installed",
  uninstalled: "uninstalled",
  redacted: "redacted",
} as const);
export type ShopStatus = (typeof SHOP_STATUS)[keyof typeof SHOP_STATUS];

const MOVES: Record<ShopStatus, readonly ShopStatus[]> = {
  installed: ["uninstalled"],
  // Reinstalling brings a shop back; shop/redact arrives about 48 hours after uninstall.
  uninstalled: ["installed", "redacted"],
  redacted: ["installed"],
};

export function canMove(from: ShopStatus, to: ShopStatus): boolean {
  return from === to || MOVES[from].includes(to);
}

export const AUTH_KIND = Object.freeze({
  oauth2: "oauth2_client_credentials",
  tba: "token_based",
} as const);
export type AuthKind = (typeof AUTH_KIND)[keyof typeof AUTH_KIND];
