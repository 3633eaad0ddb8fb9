import { spawn } from 'node:child_process';
import { backendDir } from '../../src/config/paths.js';

/**
 * Runs a compiled script (`node <script>`) from the backend folder with only PATH inherited, so
 * it must work from the variables given here alone; resolves with its exit code and output.
 */
export function runScript(
  script: string,
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], {
      cwd: backendDir,
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
