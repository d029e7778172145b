// hnswlib through hnswlib-node: builds over base.fvecs with the given M / efConstruction, then for each ef
// searches every query once as warm-up and `rounds` times timed, printing one line per ef:
//   build <seconds>
//   row <ef> <recall@10> <qps>
// Usage: node bench.mjs base.fvecs queries.fvecs truth.ivecs l2|ip M efConstruction ef1,ef2,... rounds
import { readFileSync } from 'node:fs';
import hnswlib from 'hnswlib-node';

function readVecs(path, int) {
  const buf = readFileSync(path);
  const out = [];
  let off = 0;
  while (off < buf.length) {
    const d = buf.readInt32LE(off);
    off += 4;
    const row = new Array(d);
    for (let j = 0; j < d; j++) row[j] = int ? buf.readInt32LE(off + 4 * j) : buf.readFloatLE(off + 4 * j);
    off += 4 * d;
    out.push(row);
  }
  return out;
}

const [basePath, queryPath, truthPath, space, m, efc, efList, roundsArg] = process.argv.slice(2);
const base = readVecs(basePath, false);
const queries = readVecs(queryPath, false);
const truth = readVecs(truthPath, true);
const dim = base[0].length;
const index = new hnswlib.HierarchicalNSW(space, dim);
let t0 = process.hrtime.bigint();
index.initIndex(base.length, Number(m), Number(efc), 42);
for (let i = 0; i < base.length; i++) index.addPoint(base[i], i);
console.log(`build ${Number(process.hrtime.bigint() - t0) / 1e9}`);
const rounds = Number(roundsArg || 3);
for (const ef of efList.split(',').map(Number)) {
  index.setEf(ef);
  t0 = process.hrtime.bigint();
  const got = queries.map((q) => index.searchKnn(q, 10).neighbors);
  const once = Math.max(1e-6, Number(process.hrtime.bigint() - t0) / 1e9);
  const reps = Math.max(1, Math.min(1000, Math.floor(0.3 / once)));   // rounds of >= 0.3 s, as on the Java side
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    t0 = process.hrtime.bigint();
    for (let k = 0; k < reps; k++) {
      for (let i = 0; i < queries.length; i++) got[i] = index.searchKnn(queries[i], 10).neighbors;
    }
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9 / reps);
  }
  let hits = 0;
  for (let i = 0; i < queries.length; i++) {
    const t = new Set(truth[i].slice(0, 10));
    for (const id of got[i]) if (t.has(id)) hits++;
  }
  console.log(`row ${ef} ${hits / (10 * queries.length)} ${queries.length / best}`);
}
