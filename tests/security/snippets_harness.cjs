// Runs the frontend's snippet generators for tests/security/test_snippets.py: the TypeScript sources are
// transpiled in memory (no build needed), then each stdin line {"fn": name, "args": [...]} is answered on stdout
// with {"code": ...} or {"error": ...}.
const fs = require('fs');
const path = require('path');
const readline = require('readline');
const ts = require(path.join(process.argv[2], 'node_modules', 'typescript'));

const src = path.join(process.argv[2], 'src');
const cache = {};
function load(file) {
  if (cache[file]) {
    return cache[file].exports;
  }
  const out = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2019 }
  }).outputText;
  const module = { exports: {} };
  cache[file] = module;
  const local = spec => {
    if (!spec.startsWith('.')) {
      return require(spec);
    }
    return load(path.resolve(path.dirname(file), spec) + '.ts');
  };
  new Function('require', 'module', 'exports', out)(local, module, module.exports);
  return module.exports;
}

const vo = load(path.join(src, 'vo', 'snippets.ts'));
const kinds = load(path.join(src, 'basket', 'kinds.ts'));
const cluster = load(path.join(src, 'basket', 'clusterSnippets.ts'));
const fns = {
  pythonAPISnippet: vo.pythonAPISnippet,
  multiSearchSnippet: vo.multiSearchSnippet,
  itemSnippet: kinds.itemSnippet,
  provenanceSnippet: kinds.provenanceSnippet,
  crossmatchSnippet: kinds.crossmatchSnippet,
  sqlSnippet: kinds.sqlSnippet,
  clusterSnippet: cluster.clusterSnippet,
  clusterCrossmatchSnippet: cluster.clusterCrossmatchSnippet
};

readline.createInterface({ input: process.stdin }).on('line', line => {
  const { fn, args } = JSON.parse(line);
  let answer;
  try {
    answer = { code: fns[fn](...args) };
  } catch (error) {
    answer = { error: String(error) };
  }
  process.stdout.write(JSON.stringify(answer) + '\n');
});
