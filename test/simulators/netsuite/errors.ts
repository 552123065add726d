/**
 * NetSuite's REST error body (help section 156570709583): type, title, status and
 * o:errorDetails[] with detail, o:errorCode and, where it applies, o:errorPath (a field),
 * o:errorQueryParam (a query parameter) or o:errorHeader (a header).
 * The `type` URLs are those public client code shows NetSuite answering (RFC 9110 sections).
 */
export const ERROR_CONTENT_TYPE = "application/vnd.oracle.resource+json; type=error";

export interface NsErrorDetail {
  detail: string;
  "o:errorCode": string;
  "o:errorPath"?: string;
  "o:errorQueryParam"?: string;
  "o:errorHeader"?: string;
}

export interface NsErrorBody {
  type: string;
  title: string;
  status: number;
  "o:errorDetails": NsErrorDetail[];
}

const STATUS_INFO: Record<number, [string, string]> = {
  400: ["Bad Request", "15.5.1"],
  401: ["Unauthorized", "15.5.2"],
  403: ["Forbidden", "15.5.4"],
  404: ["Not Found", "15.5.5"],
  405: ["Method Not Allowed", "15.5.6"],
  429: ["Too Many Requests", "6.6"], // RFC 6585, which defines 429
  500: ["Internal Server Error", "15.6.1"],
  503: ["Service Unavailable", "15.6.4"],
};

export type ErrorLocation = { path?: string; queryParam?: string; header?: string };

export class SimNsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly where: ErrorLocation = {},
  ) {
    super(detail);
  }

  body(): NsErrorBody {
    const [title, section] = STATUS_INFO[this.status] ?? ["Error", "15.6.1"];
    const type = this.status === 429 ? "https://www.rfc-editor.org/rfc/rfc6585.html#section-4" : `https://www.rfc-editor.org/rfc/rfc9110.html#section-${section}`;
    const d: NsErrorDetail = { detail: this.detail, "o:errorCode": this.code };
    if (this.where.path) d["o:errorPath"] = this.where.path;
    if (this.where.queryParam) d["o:errorQueryParam"] = this.where.queryParam;
    if (this.where.header) d["o:errorHeader"] = this.where.header;
    return { type, title, status: this.status, "o:errorDetails": [d] };
  }
}

export const invalidLogin = () =>
  new SimNsError(401, "INVALID_LOGIN", "Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.");
export const nonexistent = (type: string, id: string) =>
  new SimNsError(404, "NONEXISTENT_ID", `The record instance does not exist. Provide a valid record instance ID. (${type} ${id})`);
export const invalidContent = (path: string, detail: string) => new SimNsError(400, "INVALID_CONTENT", detail, { path });
export const userError = (detail: string, path?: string) => new SimNsError(400, "USER_ERROR", detail, path ? { path } : {});
export const concurrencyLimit = () =>
  new SimNsError(429, "CONCURRENCY_LIMIT_EXCEEDED", "Concurrent request limit exceeded. Request blocked.");
export const invalidQuery = (message: string) =>
  new SimNsError(400, "INVALID_PARAMETER", `Invalid search query. Detailed unprocessed description follows. ${message}`, { queryParam: "q" });
export const invalidParameter = (param: string, detail: string) => new SimNsError(400, "INVALID_PARAMETER", detail, { queryParam: param });
export const invalidRequest = (detail: string) => new SimNsError(400, "INVALID_REQUEST", detail);
