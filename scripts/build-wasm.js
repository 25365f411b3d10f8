// Builds the WebAssembly SIMD engine: assembly/engine.ts (AssemblyScript) -> wasm/engine.wasm, which
// src/emulator/wasm.ts loads. Run by `npm install` (prepare) and so before `npm pack`, which ships the
// binary: an install from the tarball needs no AssemblyScript. Next to it, engine.json records what it
// was built from (source hash, compiler version and arguments), so a test tells a stale binary.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The compiler's arguments; `outFile` relative to the package root. */
export function ascArgs(outFile) {
  return [
    'assembly/engine.ts',
    '--enable',
    'simd',
    '--runtime',
    'stub',
    '--use',
    'abort=',
    '--importMemory',
    '--noAssert',
    '-O3',
    '--outFile',
    outFile,
  ];
}

/** What a build of `outFile` depends on: the source's hash, the compiler's version and arguments. */
export function buildStamp(outFile = 'wasm/engine.wasm') {
  const source = readFileSync(join(root, 'assembly', 'engine.ts'));
  const pkg = JSON.parse(readFileSync(join(root, 'node_modules', 'assemblyscript', 'package.json'), 'utf8'));
  return {
    source: createHash('sha256').update(source).digest('hex'),
    assemblyscript: pkg.version,
    args: ascArgs(outFile),
  };
}

/** Compiles the engine to `outFile` and writes its stamp; throws with the compiler's messages. */
export async function buildWasm(outFile = 'wasm/engine.wasm') {
  const asc = (
    await import(pathToFileURL(join(root, 'node_modules', 'assemblyscript', 'dist', 'asc.js')).href)
  ).default;
  mkdirSync(dirname(join(root, outFile)), { recursive: true });
  let messages = '';
  const sink = {
    write(s) {
      messages += s;
      return true;
    },
  };
  const prev = process.cwd();
  process.chdir(root);
  try {
    const { error } = await asc.main(ascArgs(outFile), { stdout: sink, stderr: sink });
    if (error) throw new Error(`build-wasm: ${error.message}\n${messages}`);
  } finally {
    process.chdir(prev);
  }
  writeFileSync(
    join(root, outFile.replace(/\.wasm$/, '.json')),
    `${JSON.stringify(buildStamp(outFile), null, 2)}\n`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (existsSync(join(root, 'node_modules', 'assemblyscript'))) await buildWasm();
  else if (existsSync(join(root, 'wasm', 'engine.wasm'))) {
    console.log('build-wasm: assemblyscript not installed (production install?); keeping the shipped wasm/');
  } else {
    console.log(
      'build-wasm: assemblyscript not installed and no wasm/engine.wasm: the emulator will use --engine js',
    );
  }
}
