// Lighthouse on many pages with one Chrome, for tests/browser/test_lighthouse.py.
//
// Why not the Lighthouse CLI once per page: each CLI run starts Node, loads Lighthouse and
// launches a Chrome of its own, and the --throttling-method=provided it was given stretches
// every wait for a settled page to 5.25 s: twenty runs cost minutes. Here one Node process
// launches Debian's Chromium (CHROME_PATH) once and runs the given audits in turn through
// Lighthouse's Node API (one at a time: Lighthouse does not support concurrent runs in one
// process). It prints one JSON line per run with only what the test reads: the category
// scores and the weighted audits that scored below 1.
//
// Usage: node audit.mjs CATEGORY,CATEGORY,... FORM_FACTOR:URL...
//   e.g. node audit.mjs accessibility,seo mobile:http://127.0.0.1:8000/ desktop:http://...
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import {pageFunctions} from 'lighthouse/core/lib/page-functions.js';

// Mobile is Lighthouse's default config (the CLI without --preset); desktop is the config the
// CLI's --preset=desktop loads.
const CONFIGS = {mobile: undefined, desktop: desktopConfig};

const SETTINGS = {
  logLevel: 'error',
  // Throttling stays the default "simulate": the page loads unthrottled, and only performance
  // metrics, which these categories lack, would be simulated ("provided" would not throttle
  // either, but stretches each wait for the page to settle from 1 s to 5.25 s).
  // The full-page screenshot only illustrates the HTML report; no audit scores it.
  disableFullPageScreenshot: true,
  // Lighthouse waits for the page to settle: 1 s past the load event and of network quiet, then
  // 1 s without a long task. The sample's scripts only set up event handlers, so that last
  // second is idle; the first still catches what a page does late (an error thrown 800 ms
  // after it starts fails the test). Measured: the same scores and audit details on every
  // sample page, 1 s less per run.
  cpuQuietThresholdMs: 0,
};

// Before every run Lighthouse benchmarks the machine: a second of busy loops in the page
// (pageFunctions.computeBenchmarkIndex, evaluated by its source), whose index only calibrates
// simulated performance metrics and a slow-machine warning; no audit of these categories reads
// it, and there is no setting to skip it (GoogleChrome/lighthouse#16383). Twenty runs spent
// twenty CPU-seconds on it. The page now returns a fixed index instead; each report carries
// the index, and the test fails when it is not this one, so a Lighthouse release that no
// longer benchmarks through this function is noticed (coupling list in DEVELOPING.md).
// (The function runs in the page from its source, so it is made with the index in its text.)
const FIXED_BENCHMARK_INDEX = 1000; // what Lighthouse calls a desktop-class device
pageFunctions.computeBenchmarkIndex = new Function(`return ${FIXED_BENCHMARK_INDEX};`);

const [categoryList, ...args] = process.argv.slice(2);
const runs = args.map(arg => arg.match(/^(\w+):(.+)$/)?.slice(1));
if (!categoryList || !runs.length || runs.some(run => !Object.hasOwn(CONFIGS, run?.[0]))) {
  console.error('usage: node audit.mjs CATEGORY,CATEGORY,... FORM_FACTOR:URL...');
  console.error(`form factors: ${Object.keys(CONFIGS).join(', ')}`);
  process.exit(2);
}
const categories = categoryList.split(',');

function summary(lhr) {
  const failing = [];
  for (const category of categories) {
    for (const ref of lhr.categories[category]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (ref.weight && audit.score !== null && audit.score < 1) {
        failing.push({category, id: audit.id, title: audit.title});
      }
    }
  }
  return {
    scores: Object.fromEntries(categories.map(c => [c, lhr.categories[c]?.score ?? null])),
    failing,
    benchmarkSkipped: lhr.environment?.benchmarkIndex === FIXED_BENCHMARK_INDEX,
    error: lhr.runtimeError?.message ?? null,
  };
}

const chrome = await chromeLauncher.launch({
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
  logLevel: 'error',
});
// The test terminates Node when it runs out of time; Chrome must not outlive it.
process.on('SIGTERM', () => {
  chrome.kill();
  process.exit(143);
});
try {
  for (const [formFactor, url] of runs) {
    const flags = {...SETTINGS, port: chrome.port, onlyCategories: categories};
    let report;
    try {
      report = summary((await lighthouse(url, flags, CONFIGS[formFactor])).lhr);
    } catch (error) {
      // One page that breaks Lighthouse must not hide the reports on the others.
      report = {scores: {}, failing: [], error: String(error?.stack ?? error)};
    }
    console.log(JSON.stringify({url, formFactor, ...report}));
  }
} finally {
  await chrome.kill();
}
// Exit now: a keep-alive socket of Lighthouse's connection to Chrome would hold Node 4 s longer.
process.exit(0);
