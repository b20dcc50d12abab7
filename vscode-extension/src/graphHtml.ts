// The graph page: media/graph.html filled in. The panel loads media/graph.js by URL; `hotswap
// graph --html` fills the same template with the bundle inline (cmd/hotswap/graph.go). The page's
// content security policy allows only scripts and styles carrying this page's nonce.
import type { GraphPageData } from "./graphModel.ts";

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that is safe inside a <script> element: no "<" can end it early. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** The page for the panel: `template` is media/graph.html, `scriptUri` the webview URI of media/graph.js. */
export function graphHtml(template: string, data: GraphPageData, nonce: string, cspSource: string, scriptUri: string): string {
  const values: Record<string, string> = {
    styleSource: cspSource,
    nonce,
    title: "Hotswap module graph",
    data: scriptJson(data),
    script: `<script nonce="${nonce}" src="${escapeHtml(scriptUri)}"></script>`,
  };
  // One pass, so text inside the data can never be taken for a placeholder.
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}
