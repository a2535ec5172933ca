// Runs the suite with node's test runner (TAP), passes its output through, and ends with the
// plain "N passed, N failed" line.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const child = spawn(process.execPath, ['--test', '--test-reporter=tap', '--test-concurrency=1', 'tests/'], {
  cwd: dir,
  stdio: ['ignore', 'pipe', 'inherit'],
});
let pass = 0;
let fail = 0;
let buf = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  buf += chunk;
  const lines = buf.split('\n');
  buf = lines.pop();
  for (const line of lines) {
    const m = /^# (pass|fail) (\d+)$/.exec(line.trim());
    if (m) m[1] === 'pass' ? (pass = Number(m[2])) : (fail = Number(m[2]));
  }
});
child.on('close', (code) => {
  console.log(`${pass} passed, ${fail} failed`);
  process.exit(code ?? 1);
});
