// Drives the system Chromium with playwright-core for the renderer tests. One browser per run,
// its pages checked side by side, one per processor.
//
//   node chromium.mjs < request.json > result.json
//
// request: {"chromium": "<path of chromium>", "axe": [{"name": "...", "path": "<page.html>"}],
//           "screenshots": [{"path": "<page.html>", "png": "<out.png>", "width": 900,
//                            "media": "screen" | "print"}],
//           "pdfs": [{"name": "...", "path": "<page.html>", "format": "A4" | "Letter"}],
//           "probes": [{"name": "...", "path": "<page.html>", "expression": "<JavaScript>",
//                       "width": 900, "media": "screen" | "print"}],
//           "sessions": [{"name": "...", "path": "<page.html>", "steps": [<step>, ...]}]}
// result:  {"axe": {"<name>": {"violations": [...], "passes": <number>}}, "screenshots": [...],
//           "pdfs": {"<name>": {"pages": <number of printed pages>}},
//           "probes": {"<name>": <what the expression returned, as JSON>},
//           "sessions": {"<name>": {"results": [<each evaluate step's result>, ...],
//                                   "errors": [<uncaught page errors>, ...]}}}
//
// A session is a reader at work, one step after another, each as a person would do it:
//   {"evaluate": "<JavaScript>"}  run it (awaited if it gives a promise); its result is kept
//   {"wait": "<text>"}            wait until an element with exactly this text is visible
//   {"hidden": ["<text>", ...]}   keep the texts no visible element shows exactly
//   {"click": "<text>"}           click the one element whose text is exactly this
//   {"fill": {"label": "<text>", "value": "<text>"}}
//                                 type into the last field labelled exactly so
//
// Pages are local files. Every request that is not a file: URL is aborted, so nothing is fetched.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

const request = JSON.parse(readFileSync(0, "utf8"));

// Runs work(tab, item) for every item in tabs of the context, as many at once as there are
// processors: each tab has its own renderer process, so pages are checked side by side. A tab
// goes on to its next item, each a page loaded afresh, rather than starting a renderer for each.
async function inParallel(context, items, work) {
  const queue = [...items];
  const worker = async () => {
    const tab = await context.newPage();
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(tab, item);
    await tab.close();
  };
  const workers = Math.min(availableParallelism(), queue.length);
  await Promise.all(Array.from({ length: workers }, worker));
}

const browser = await chromium.launch({
  executablePath: request.chromium,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const result = { axe: {}, screenshots: [], pdfs: {}, probes: {}, sessions: {} };
try {
  const context = await browser.newContext();
  await context.route("**/*", (route) =>
    route.request().url().startsWith("file:") ? route.continue() : route.abort(),
  );
  await inParallel(context, request.axe ?? [], async (tab, page) => {
    await tab.goto(pathToFileURL(page.path).href, { waitUntil: "load" });
    await tab.addScriptTag({ content: AXE_SOURCE });
    const outcome = await tab.evaluate(async (tags) => {
      const run = await window.axe.run(document, {
        runOnly: { type: "tag", values: tags },
        resultTypes: ["violations"],
      });
      return {
        version: window.axe.version,
        violations: run.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary })),
        })),
        passes: run.passes.length,
      };
    }, AXE_TAGS);
    result.axe[page.name] = outcome;
  });
  for (const shot of request.screenshots ?? []) {
    const tab = await context.newPage();
    await tab.setViewportSize({ width: shot.width ?? 900, height: 800 });
    await tab.emulateMedia({ media: shot.media ?? "screen" });
    await tab.goto(pathToFileURL(shot.path).href, { waitUntil: "load" });
    await tab.screenshot({ path: shot.png, fullPage: true });
    result.screenshots.push(shot.png);
    await tab.close();
  }
  await inParallel(context, request.pdfs ?? [], async (tab, print) => {
    // Print as a browser would, with the page's own @page rules; count the pages of the PDF.
    await tab.goto(pathToFileURL(print.path).href, { waitUntil: "load" });
    const pdf = await tab.pdf({ format: print.format ?? "A4", preferCSSPageSize: false });
    const pages = pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? [];
    result.pdfs[print.name] = { pages: pages.length };
  });
  await inParallel(context, request.probes ?? [], async (tab, probe) => {
    // Computed styles and geometry, as the page lays out at this width and medium.
    await tab.setViewportSize({ width: probe.width ?? 900, height: 800 });
    await tab.emulateMedia({ media: probe.media ?? "screen" });
    await tab.goto(pathToFileURL(probe.path).href, { waitUntil: "load" });
    result.probes[probe.name] = await tab.evaluate(probe.expression);
  });
  await inParallel(context, request.sessions ?? [], async (tab, session) => {
    const outcome = { results: [], errors: [] };
    const noteError = (error) => outcome.errors.push(error.message);
    tab.on("pageerror", noteError);
    await tab.goto(pathToFileURL(session.path).href, { waitUntil: "load" });
    for (const step of session.steps) {
      if ("evaluate" in step) {
        outcome.results.push(await tab.evaluate(step.evaluate));
      } else if ("wait" in step) {
        await tab.getByText(step.wait, { exact: true }).first().waitFor({ state: "visible" });
      } else if ("hidden" in step) {
        const hidden = [];
        for (const text of step.hidden) {
          const shown = tab.getByText(text, { exact: true }).filter({ visible: true });
          if ((await shown.count()) === 0) hidden.push(text);
        }
        outcome.results.push(hidden);
      } else if ("click" in step) {
        await tab.getByText(step.click, { exact: true }).click();
      } else if ("fill" in step) {
        await tab.getByLabel(step.fill.label, { exact: true }).last().fill(step.fill.value);
      } else {
        throw new Error(`unknown step ${JSON.stringify(step)}`);
      }
    }
    tab.off("pageerror", noteError);
    result.sessions[session.name] = outcome;
  });
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(result));
