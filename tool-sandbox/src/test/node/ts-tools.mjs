// The TypeScript reference SDK's tools used by the interop tests: an MCP server we adopt from Java.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

export function fixtureServer() {
  const server = new McpServer({ name: "ts-fixture", version: "1.0.0" });
  server.registerTool("add", {
    description: "Adds two numbers",
    inputSchema: { a: z.number(), b: z.number() },
    outputSchema: { sum: z.number() },
  }, async ({ a, b }) => ({
    content: [{ type: "text", text: JSON.stringify({ sum: a + b }) }],
    structuredContent: { sum: a + b },
  }));
  server.registerTool("shout", {
    description: "Upper-cases a text",
    inputSchema: { text: z.string() },
  }, async ({ text }) => ({ content: [{ type: "text", text: text.toUpperCase() }] }));
  server.registerTool("fail", {
    description: "Always reports an error",
    inputSchema: {},
  }, async () => ({ content: [{ type: "text", text: "deliberate failure" }], isError: true }));
  return server;
}
