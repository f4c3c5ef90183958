import { Presets, SingleBar } from 'cli-progress';
import type { ModuleDemo } from '../../../platform/modules.ts';
import { DEMO_REGISTRY_HOLDERS, seedRegistryDemo } from './demo.ts';
import { seedDistributionDemo } from './distribution-demo.ts';

/**
 * The registry's demo: holders, accounts, securities and their history first; the
 * distributions after every module's seed, since 演示张明's trades (investor demo)
 * must be in the journal before they run and the dividend tax is computed.
 */
export const registryDemo: ModuleDemo = {
  async seed(ctx, options) {
    const holders = options.holders ?? DEMO_REGISTRY_HOLDERS;
    const bar = new SingleBar({ format: 'demo registry {bar} {percentage}% | {value}/{total} holders | {eta_formatted} left', etaBuffer: 20 }, Presets.shades_classic);
    const started = Date.now();
    if (options.progress) bar.start(holders, 0);
    try {
      const registry = await seedRegistryDemo(ctx, { holders, onProgress: options.progress ? (done) => bar.update(done) : undefined });
      if (!registry) return null;
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const summary = [
        `demo registry: ${registry.holders} holders, ${registry.securitiesAccounts} securities accounts, ${registry.securities} securities, ` +
          `${registry.entries} journal entries, ${registry.positions} positions, ${registry.freezes} freezes, ${registry.pledges} pledges in ${seconds} s ` +
          `(longest history: account ${registry.busiestAccount})`,
      ];
      if (registry.ipo) {
        const { offerings, subscriptions, abandonments, signings, barredHolder } = registry.ipo;
        summary.push(
          `demo IPOs: ${offerings} offerings, ${subscriptions} subscriptions, ${abandonments} abandonments, ${signings} risk-disclosure signings` +
            (barredHolder ? ` (account ${barredHolder.szAccount} barred from Shenzhen subscriptions ${barredHolder.barredFrom} to ${barredHolder.barredTo})` : ''),
        );
      }
      return { summary };
    } finally {
      bar.stop();
    }
  },
  async after(ctx, seeded) {
    if (!seeded) return null;
    const events = await seedDistributionDemo(ctx);
    return events ? { summary: [`demo distributions: ${events.completed} of ${events.distributions} run, ${events.taxRecords} dividend tax records`] } : null;
  },
};
