/**
 * Every page a browser test visits is checked with axe-core against WCAG 2.1 A and AA: each
 * time a tab navigates (a page load or a client-side route change) once the page has settled,
 * and on every open tab when the test ends. A serious or critical violation fails the test.
 * The checks run beside the test's own steps; the harness waits for them before it judges.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);
/** The page has settled when its DOM has not changed for this long (bounded by SETTLE_MAX_MS). */
const SETTLE_QUIET_MS = 250;
const SETTLE_MAX_MS = 3_000;
/**
 * Faults of a library, not of this code, with nothing to set that avoids them: antd's Form.Item
 * gives its control aria-required, -invalid and -describedby, and rc-select (antd's Select) copies
 * them onto its outer <div> as well as onto the role="combobox" input inside, where they belong.
 */
function isLibraryFault(rule: string, node: { html: string }, messages: string[]): boolean {
  const selectRoot = /^<div [^>]*class="ant-select[ "]/.test(node.html);
  return rule === 'aria-allowed-attr' && selectRoot && messages.every((message) => /aria-(required|invalid|describedby)=/.test(message));
}

/** Nodes listed per violation; the rest are counted. */
const NODES_SHOWN = 5;

interface Violation {
  path: string;
  rule: string;
  impact: string;
  help: string;
  /** Each failing node: its selector and what axe-core found wrong, once however often it was seen. */
  nodes: Set<string>;
}

/** Pages that are not the product's: the demo-mode dev inbox, API responses (PDF, files), blank tabs. */
function isProductPage(url: string): boolean {
  if (!url.startsWith('http')) return false;
  const { pathname } = new URL(url);
  return !pathname.startsWith('/dev/') && !pathname.startsWith('/api/');
}

function pathOf(url: string): string {
  const { pathname, search } = new URL(url);
  return pathname + search;
}

/** Waits until the DOM has been quiet for a moment and finite animations (fades, slides) are over. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('load', { timeout: SETTLE_MAX_MS }).catch(() => undefined);
  await page.evaluate(
    async ({ quietMs, maxMs }) => {
      const deadline = new Promise<void>((resolve) => setTimeout(resolve, maxMs));
      const quiet = new Promise<void>((resolve) => {
        let timer = setTimeout(done, quietMs);
        const observer = new MutationObserver(() => {
          clearTimeout(timer);
          timer = setTimeout(done, quietMs);
        });
        observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
        function done() {
          observer.disconnect();
          resolve();
        }
      });
      await Promise.race([quiet, deadline]);
      // A fade judged half-way fails the contrast rule; on a loaded machine fades outlast any wait, so end them.
      const finite = document.getAnimations().filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity);
      for (const animation of finite) {
        try {
          animation.finish();
        } catch {
          // an animation that cannot finish (no end) is left as it is
        }
      }
      await Promise.race([Promise.all(finite.map((animation) => animation.finished.catch(() => undefined))), deadline]);
    },
    { quietMs: SETTLE_QUIET_MS, maxMs: SETTLE_MAX_MS },
  );
}

type AxeViolation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

/**
 * A contrast failure can be a colour caught in the middle of a transition that began after the
 * page settled (a button enabled when its data arrives): settle again and keep only what fails twice.
 */
async function withSteadyContrast(page: Page, violations: AxeViolation[]): Promise<AxeViolation[]> {
  if (!violations.some((violation) => violation.id === 'color-contrast')) return violations;
  await settle(page);
  const again = await new AxeBuilder({ page }).withRules(['color-contrast']).setLegacyMode().analyze();
  return [...violations.filter((violation) => violation.id !== 'color-contrast'), ...again.violations];
}

/** One test's accessibility checks over the browser profiles it opens. */
export class AccessibilityChecks {
  private readonly violations = new Map<string, Violation>();
  private readonly failures: string[] = [];
  /** Per tab: the check running or queued last, so checks of one tab never overlap. */
  private readonly queues = new Map<Page, Promise<void>>();
  /** Tabs with a check queued that has not started yet: a further navigation needs no second one. */
  private readonly queued = new Set<Page>();

  watch(context: BrowserContext): void {
    context.on('page', (page) => {
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) this.schedule(page);
      });
      page.on('close', () => {
        this.queues.delete(page);
        this.queued.delete(page);
      });
    });
  }

  /** Checks every open tab once more, waits for all checks, and describes the violations found (undefined: none). */
  async finish(contexts: Iterable<BrowserContext>): Promise<string | undefined> {
    for (const context of contexts) for (const page of context.pages()) this.schedule(page);
    while (this.queues.size) {
      const running = [...this.queues.values()];
      await Promise.allSettled(running);
      for (const [page, queue] of this.queues) if (running.includes(queue)) this.queues.delete(page);
    }
    return this.report();
  }

  private schedule(page: Page): void {
    if (this.queued.has(page)) return;
    this.queued.add(page);
    const previous = this.queues.get(page) ?? Promise.resolve();
    const next = previous.then(() => {
      this.queued.delete(page);
      return this.check(page);
    });
    this.queues.set(page, next);
  }

  private async check(page: Page, retry = true): Promise<void> {
    if (page.isClosed() || !isProductPage(page.url())) return;
    const url = page.url();
    try {
      await settle(page);
      if (page.url() !== url) return; // moved on: the navigation queued its own check
      const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).setLegacyMode().analyze();
      for (const violation of await withSteadyContrast(page, results.violations)) {
        if (!violation.impact || !BLOCKING_IMPACTS.has(violation.impact)) continue;
        const path = pathOf(url);
        const key = `${path} ${violation.id}`;
        const found = this.violations.get(key) ?? { path, rule: violation.id, impact: violation.impact, help: violation.help, nodes: new Set<string>() };
        for (const node of violation.nodes) {
          const checks = [...node.any.slice(0, 1), ...node.all, ...node.none].map((check) => check.message);
          if (isLibraryFault(violation.id, node, checks)) continue;
          found.nodes.add(`${node.target.join(' ')}${checks.length ? ` — ${checks.join('; ')}` : ''}`);
        }
        if (found.nodes.size) this.violations.set(key, found);
      }
    } catch (error) {
      // A tab closed or navigated in the middle of a check is checked again after its navigation.
      if (page.isClosed() || page.url() !== url) return;
      const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
      if (/Execution context was destroyed|Target page, context or browser has been closed|frame was detached/i.test(message)) return;
      // The document was replaced at the same address between axe-core's injection and its run.
      if (/reading 'run'/.test(message) && retry) return this.check(page, false);
      this.failures.push(`${pathOf(url)}: axe-core could not check the page: ${message}`);
    }
  }

  private report(): string | undefined {
    if (!this.violations.size && !this.failures.length) return undefined;
    const lines = [`accessibility: ${this.violations.size} serious or critical WCAG 2.1 AA violation(s)`];
    for (const v of this.violations.values()) {
      lines.push(`  ${v.path}  ${v.rule} (${v.impact}): ${v.help}`);
      const nodes = [...v.nodes];
      for (const node of nodes.slice(0, NODES_SHOWN)) lines.push(`    ${node}`);
      if (nodes.length > NODES_SHOWN) lines.push(`    … and ${nodes.length - NODES_SHOWN} more`);
    }
    lines.push(...this.failures.map((failure) => `  ${failure}`));
    return lines.join('\n');
  }
}
