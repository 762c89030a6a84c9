/**
 * Process entry point (bin/go-hazard.js imports the compiled module).
 */
import { runCli } from "./program.js";

// A closed pipe (`go-hazard lint | head`) is not an error worth a stack trace.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw err;
});

process.exitCode = await runCli(process.argv.slice(2));
