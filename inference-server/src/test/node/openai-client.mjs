// Drives a running strata server with OpenAI's official npm SDK and prints one JSON summary line.
// Usage: STRATA_HTTP=http://127.0.0.1:PORT/v1 node openai-client.mjs
import OpenAI from 'openai';

const client = new OpenAI({ baseURL: process.env.STRATA_HTTP, apiKey: 'unused', maxRetries: 0, timeout: 60_000 });
const out = {};

const models = await client.models.list();
out.models = models.data.map((m) => m.id);
const model = out.models[0];

const completion = await client.completions.create({ model, prompt: 'Once upon a time', max_tokens: 12, temperature: 0 });
out.completion = { text: completion.choices[0].text, finish: completion.choices[0].finish_reason, usage: completion.usage };

// streaming chat through the SDK's async iterator (ends at data: [DONE])
const stream = await client.chat.completions.create({
  model, messages: [{ role: 'user', content: 'Tell me a story.' }], max_tokens: 16, temperature: 0,
  stream: true, stream_options: { include_usage: true },
});
let text = '';
let chunks = 0;
let finish = null;
let usage = null;
for await (const chunk of stream) {
  chunks++;
  if (chunk.usage) usage = chunk.usage;
  for (const c of chunk.choices) {
    if (c.delta?.content) text += c.delta.content;
    if (c.finish_reason) finish = c.finish_reason;
  }
}
out.stream = { text, chunks, finish, usage };

// a forced tool call: the server constrains the output to the tool's schema and returns OpenAI's tool_calls
const tools = [{
  type: 'function',
  function: { name: 'get_weather', description: 'Weather in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
}];
const toolReply = await client.chat.completions.create({
  model, messages: [{ role: 'user', content: 'Weather in Paris?' }], tools,
  tool_choice: { type: 'function', function: { name: 'get_weather' } }, max_tokens: 64, temperature: 0,
});
const msg = toolReply.choices[0].message;
out.tools = { finish: toolReply.choices[0].finish_reason, calls: (msg.tool_calls ?? []).map((c) => ({ name: c.function.name, arguments: c.function.arguments })) };

// the same through a stream: tool_calls arrive as deltas
const toolStream = await client.chat.completions.create({
  model, messages: [{ role: 'user', content: 'Weather in Paris?' }], tools,
  tool_choice: 'required', max_tokens: 64, temperature: 0, stream: true,
});
const streamedCalls = [];
let toolStreamFinish = null;
for await (const chunk of toolStream) {
  for (const c of chunk.choices) {
    for (const call of c.delta?.tool_calls ?? []) streamedCalls.push(call.function?.name);
    if (c.finish_reason) toolStreamFinish = c.finish_reason;
  }
}
out.toolStream = { finish: toolStreamFinish, names: streamedCalls };

try {
  await client.completions.create({ model, prompt: 'x', max_tokens: -5 });
  out.error = { status: 0 };
} catch (e) {
  out.error = { status: e.status, type: e.type ?? e.error?.type, param: e.param ?? e.error?.param, message: e.message };
}
try {
  await client.completions.create({ model: 'no-such-model', prompt: 'x', max_tokens: 2 });
  out.notFound = { status: 0 };
} catch (e) {
  out.notFound = { status: e.status, code: e.code ?? e.error?.code };
}

console.log(JSON.stringify(out));
