// Peer benchmark for `strata bench models`: llama.cpp's prebuilt CPU build through node-llama-cpp.
// Usage: node bench.mjs MODEL.gguf DECODE_TOKENS PREFILL_TOKENS THREADS
// Prints one JSON line: {"decodeTokensPerSecond": .., "prefillTokensPerSecond": ..}
import {getLlama} from "node-llama-cpp";

const [modelPath, decodeArg, prefillArg, threadsArg] = process.argv.slice(2);
const decodeTokens = Number(decodeArg ?? 64), prefillTokens = Number(prefillArg ?? 128), threads = Number(threadsArg ?? 1);
const llama = await getLlama({gpu: false, build: "never", logLevel: "error"});
const model = await llama.loadModel({modelPath});
const context = await model.createContext({contextSize: Math.max(prefillTokens, decodeTokens) + 16, threads, batchSize: 512});
const bos = model.tokens.bos ?? 1;

async function timeGeneration(prompt, n) {
    const sequence = context.getSequence();
    const started = performance.now();
    let first = 0, count = 0;
    for await (const token of sequence.evaluate(prompt, {temperature: 0})) {
        count++;
        if (count === 1) first = performance.now();
        if (count >= n) break;
    }
    const ended = performance.now();
    sequence.dispose();
    return {firstMs: first - started, restMs: ended - first, count};
}

// decode: a one-token prompt, then n tokens; the first token's time is left out
const d = await timeGeneration([bos], decodeTokens + 1);
// prefill: a prompt of prefillTokens tokens; time to the first generated token
const prompt = [bos];
for (let i = 1; i < prefillTokens; i++) prompt.push(3 + (i * 17) % 300);
const p = await timeGeneration(prompt, 1);
console.log(JSON.stringify({
    decodeTokensPerSecond: (d.count - 1) * 1000 / d.restMs,
    prefillTokensPerSecond: prefillTokens * 1000 / p.firstMs
}));
await context.dispose();
await model.dispose();
