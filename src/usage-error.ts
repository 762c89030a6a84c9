/**
 * The user asked for something go-hazard can't do: a bad option, an unknown
 * rule, an unreadable config or baseline. The CLI prints the message on one
 * line and exits 2.
 */
export class UsageError extends Error {
  override name = "UsageError";
}
