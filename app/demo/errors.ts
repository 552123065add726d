/**
 * Demo only: the bundled Shopify simulator did not do what the demo asked (it is not running,
 * or refused the request). Retryable: starting the simulator again (npm run demo) fixes it.
 */
export class DemoSimulatorError extends Error {
  override name = "DemoSimulatorError";
  readonly retryable = true;
  constructor(
    message: string,
    readonly status: number | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
