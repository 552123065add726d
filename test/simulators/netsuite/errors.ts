/**
 * NetSuite's REST error body (help section 156570709583): type, title, status and
 * o:errorDetails[] with detail, o:errorCode and, for a field, o:errorPath.
 */
export const ERROR_CONTENT_TYPE = "application/vnd.oracle.resource+json; type=error";

export interface NsErrorBody {
  type: string;
  title: string;
  status: number;
  "o:errorDetails": { detail: string; "o:errorCode": string; "o:errorPath"?: string }[];
}

const TITLES: Record<number, string> = { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 429: "Too Many Requests", 500: "Internal Server Error", 503: "Service Unavailable" };

export class SimNsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly path?: string,
  ) {
    super(detail);
  }

  body(): NsErrorBody {
    return {
      type: `https://www.rfc-editor.org/rfc/rfc9110.html#section-15.${this.status >= 500 ? "6" : "5"}.${this.status === 404 ? "5" : this.status === 401 ? "2" : this.status === 429 ? "29" : "1"}`,
      title: TITLES[this.status] ?? "Error",
      status: this.status,
      "o:errorDetails": [{ detail: this.detail, "o:errorCode": this.code, ...(this.path ? { "o:errorPath": this.path } : {}) }],
    };
  }
}

export const invalidLogin = () => new SimNsError(401, "INVALID_LOGIN", "Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.");
export const nonexistent = (type: string, id: string) => new SimNsError(404, "NONEXISTENT_ID", `The record instance does not exist. Provide a valid record instance ID. (${type} ${id})`);
export const invalidContent = (path: string, detail: string) => new SimNsError(400, "INVALID_CONTENT", detail, path);
export const userError = (detail: string, path?: string) => new SimNsError(400, "USER_ERROR", detail, path);
export const concurrencyLimit = () => new SimNsError(429, "CONCURRENCY_LIMIT_EXCEEDED", "Concurrent request limit exceeded. Request blocked.");
