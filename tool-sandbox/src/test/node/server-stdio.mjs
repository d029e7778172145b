// MCP server (TypeScript SDK) on stdio, adopted by dev.strata.tools.mcp.McpInteropTest.
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { fixtureServer } from "./ts-tools.mjs";

await fixtureServer().connect(new StdioServerTransport());
