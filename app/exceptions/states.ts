/** An exception's life: open until someone retries, resolves or ignores it. */
export const EXCEPTION_STATUS = Object.freeze({ open: "open", resolved: "resolved", ignored: "ignored" } as const);
export type ExceptionStatus = (typeof EXCEPTION_STATUS)[keyof typeof EXCEPTION_STATUS];

const MOVES: Record<ExceptionStatus, readonly ExceptionStatus[]> = {
  open: ["resolved", "ignored"],
  resolved: [],
  ignored: [],
};

export function canMove(from: ExceptionStatus, to: ExceptionStatus): boolean {
  return MOVES[from].includes(to);
}
