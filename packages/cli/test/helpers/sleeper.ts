// A command that runs until it is stopped, for the launcher's test: prints its pid, then waits.
process.stdout.write(`${process.pid}\n`);
setInterval(() => undefined, 60_000);
