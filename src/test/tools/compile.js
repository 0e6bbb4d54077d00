// Compiles the test contracts in a folder with solc-js, resolving OpenZeppelin imports from node_modules.
// Usage: node compile.js <solidity-dir> <out.json>. Skips work when the output is newer than every source.
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const [srcDir, outFile] = process.argv.slice(2);
const files = fs.readdirSync(srcDir).filter((f) => f.endsWith('.sol')).sort();
const newestSource = Math.max(...files.map((f) => fs.statSync(path.join(srcDir, f)).mtimeMs));
if (fs.existsSync(outFile) && fs.statSync(outFile).mtimeMs > newestSource) {
  process.exit(0);
}

const sources = {};
for (const f of files) {
  sources[f] = { content: fs.readFileSync(path.join(srcDir, f), 'utf8') };
}
const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
  },
};
function findImports(importPath) {
  const candidate = path.join(__dirname, 'node_modules', importPath);
  if (fs.existsSync(candidate)) {
    return { contents: fs.readFileSync(candidate, 'utf8') };
  }
  return { error: 'not found: ' + importPath };
}
const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
if (errors.length > 0) {
  errors.forEach((e) => console.error(e.formattedMessage));
  process.exit(1);
}
const contracts = {};
for (const file of Object.keys(output.contracts)) {
  if (!files.includes(file)) continue;
  for (const [name, c] of Object.entries(output.contracts[file])) {
    contracts[name] = { abi: c.abi, bytecode: '0x' + c.evm.bytecode.object,
      deployedBytecode: '0x' + c.evm.deployedBytecode.object };
  }
}
fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.writeFileSync(outFile, JSON.stringify(contracts));
console.log('compiled ' + Object.keys(contracts).length + ' test contracts with solc ' + solc.version());
