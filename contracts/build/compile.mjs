// Compiles every .sol file under a source directory with solc (the npm "solc" package, pinned in
// package.json) through its standard-JSON interface, and writes <Contract>.abi and <Contract>.bin for
// the contracts defined in that directory only (not for imported OpenZeppelin ones).
// Usage: node build/compile.mjs <sourceDir> <outDir> [<extraImportDir> ...]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import crypto from 'node:crypto';

const require = createRequire(import.meta.url);
const moduleDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
let solc;
try {
  solc = require(path.join(moduleDir, 'node_modules', 'solc'));
} catch (e) {
  console.error('contracts: the npm package "solc" is missing; run "npm ci" in contracts/');
  process.exit(2);
}

const [sourceDir, outDir, ...extraDirs] = process.argv.slice(2);
if (!sourceDir || !outDir) {
  console.error('usage: node build/compile.mjs <sourceDir> <outDir> [<extraImportDir> ...]');
  process.exit(2);
}

const walk = (dir) => fs.existsSync(dir)
  ? fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? walk(p) : e.name.endsWith('.sol') ? [p] : [];
    })
  : [];

const files = walk(sourceDir);
if (files.length === 0) {
  console.log(`contracts: no Solidity sources in ${sourceDir}`);
  process.exit(0);
}
const sources = {};
for (const f of files) {
  sources[path.relative(sourceDir, f).split(path.sep).join('/')] = { content: fs.readFileSync(f, 'utf8') };
}
const searchPath = [sourceDir, ...extraDirs, path.join(moduleDir, 'node_modules')];
const findImports = (name) => {
  for (const base of searchPath) {
    const candidate = path.join(base, name);
    if (fs.existsSync(candidate)) return { contents: fs.readFileSync(candidate, 'utf8') };
  }
  return { error: `not found: ${name}` };
};

const input = {
  language: 'Solidity',
  sources,
  settings: {
    // via-IR: the escrow's entry points take many parameters; the IR pipeline avoids stack-too-deep
    // without contorting the code.
    viaIR: true,
    optimizer: { enabled: true, runs: 10000 },
    evmVersion: 'prague',
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};

// Skip the (slow, ~15 s) compilation when neither the sources, their import path nor the settings changed.
const stampFile = path.join(outDir, '.inputs.sha256');
const hash = crypto.createHash('sha256').update(JSON.stringify(input)).update(solc.version());
for (const dir of extraDirs) for (const f of walk(dir)) hash.update(f).update(fs.readFileSync(f));
const stamp = hash.digest('hex');
if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) {
  console.log(`contracts: ${outDir} is up to date`);
  process.exit(0);
}

const started = Date.now();
const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
let failed = false;
for (const error of output.errors ?? []) {
  if (error.severity === 'error') failed = true;
  console.error(error.formattedMessage);
}
if (failed) process.exit(1);

fs.mkdirSync(outDir, { recursive: true });
for (const f of fs.readdirSync(outDir)) if (/\.(abi|bin)$/.test(f)) fs.rmSync(path.join(outDir, f));
let count = 0;
for (const [file, contracts] of Object.entries(output.contracts)) {
  if (!(file in sources)) continue;
  for (const [name, artifact] of Object.entries(contracts)) {
    // Interfaces and abstract contracts have no bytecode and get no wrapper.
    if (!artifact.evm.bytecode.object) continue;
    fs.writeFileSync(path.join(outDir, `${name}.abi`), JSON.stringify(artifact.abi));
    fs.writeFileSync(path.join(outDir, `${name}.bin`), artifact.evm.bytecode.object);
    count++;
  }
}
fs.writeFileSync(stampFile, stamp);
console.log(`contracts: solc ${solc.version()} compiled ${count} contracts from ${sourceDir} in ${Date.now() - started} ms`);
