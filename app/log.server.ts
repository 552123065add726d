/**
 * Structured logger: one JSON line per event, with the context (shop, job, delivery)
 * carried by child loggers so every line names what it concerns.
 * Secrets never reach a line: fields whose names look secret are masked before writing.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_KEY = /(secret|token|password|private.?key|authorization|signature|credential|hmac|consumer.?key)/i;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(context: LogFields): Logger;
}

/** Masks values under secret-looking keys, recursively, and turns errors into plain objects. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return "[depth]";
  if (value instanceof Error) {
    return { name: value.name, message: value.message, ...(value.cause ? { cause: redact(value.cause, depth + 1) } : {}) };
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_KEY.test(k) ? "[redacted]" : redact(v, depth + 1);
    }
    return out;
  }
  return value;
}

function minLevel(): number {
  const configured = (process.env.LOG_LEVEL ?? "info").toLowerCase() as LogLevel;
  return LEVELS[configured] ?? LEVELS.info;
}

function make(context: LogFields, write: (line: string) => void): Logger {
  const emit = (level: LogLevel, msg: string, fields?: LogFields) => {
    if (LEVELS[level] < minLevel()) return;
    const line = { t: new Date().toISOString(), level, msg, ...(redact({ ...context, ...fields }) as LogFields) };
    write(JSON.stringify(line));
  };
  return {
    debug: (m, f) => emit("debug", m, f),
    info: (m, f) => emit("info", m, f),
    warn: (m, f) => emit("warn", m, f),
    error: (m, f) => emit("error", m, f),
    child: (extra) => make({ ...context, ...extra }, write),
  };
}

export function createLogger(context: LogFields = {}, write: (line: string) => void = (l) => process.stdout.write(l + "\n")): Logger {
  return make(context, write);
}

export const logger: Logger = createLogger({ app: "connector" });
