// MCP client (TypeScript SDK) against our Java server: stdio (argv: stdio <command> <args...>) or
// Streamable HTTP (argv: http <url>). Prints one JSON summary line for the Java test to check.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [mode, ...rest] = process.argv.slice(2);
const transport = mode === "stdio"
  ? new StdioClientTransport({ command: rest[0], args: rest.slice(1), stderr: "inherit" })
  : new StreamableHTTPClientTransport(new URL(rest[0]));
const client = new Client({ name: "ts-interop-client", version: "1.0.0" });
await client.connect(transport);
const listed = await client.listTools();
const calc = await client.callTool({ name: "calculator", arguments: { expression: "6*7" } });
const bad = await client.callTool({ name: "person", arguments: { name: "x", age: -1 } });
const wc = await client.callTool({ name: "word_count", arguments: { text: "one two three four" } });
console.log(JSON.stringify({
  server: client.getServerVersion(),
  tools: listed.tools.map(t => ({ name: t.name, inputSchema: t.inputSchema, outputSchema: t.outputSchema ?? null })),
  calculator: calc,
  invalid: bad,
  wordCount: wc,
}));
await client.close();
