// Drives a running strata server with grpc-js (protos loaded at run time from the proto module) and prints one
// JSON summary line. Usage: STRATA_GRPC=127.0.0.1:PORT node grpc-client.mjs
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const protoRoot = path.resolve(here, '../../../../proto/src/main/proto');
const def = protoLoader.loadSync('strata/inference/v1/inference.proto', { includeDirs: [protoRoot], keepCase: true, longs: Number, enums: String, defaults: true });
const pkg = grpc.loadPackageDefinition(def).strata.inference.v1;
const client = new pkg.InferenceService(process.env.STRATA_GRPC, grpc.credentials.createInsecure());
const out = {};

const unary = (method, req) => new Promise((resolve, reject) => client[method](req, (err, res) => (err ? reject(err) : resolve(res))));

out.models = (await unary('ListModels', {})).models.map((m) => m.id);

out.generate = await new Promise((resolve, reject) => {
  const call = client.Generate({ prompt: 'Once upon a time', sampling: { max_tokens: 12, temperature: 0 }, request_id: 'grpc-js-1' });
  const res = { text: '', messages: 0, finish: null, usage: null };
  call.on('data', (m) => {
    res.messages++;
    res.text += m.text;
    if (m.finish_reason !== 'FINISH_REASON_UNSPECIFIED') res.finish = m.finish_reason;
    if (m.usage) res.usage = m.usage;
  });
  call.on('error', reject);
  call.on('end', () => resolve(res));
});

out.invalid = await new Promise((resolve) => {
  const call = client.Generate({ prompt: 'x', sampling: { max_tokens: -1 } });
  call.on('data', () => {});
  call.on('error', (e) => resolve({ code: e.code, details: e.details }));
  call.on('end', () => resolve({ code: 0 }));
});

client.close();
console.log(JSON.stringify(out));
