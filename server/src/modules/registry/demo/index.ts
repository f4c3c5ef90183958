export { DEMO_HISTORY, DEMO_REGISTRY_HOLDERS, seedRegistryDemo } from './demo.ts';
export { DEMO_DISTRIBUTIONS, seedDistributionDemo } from './distribution-demo.ts';
export { registryDemo } from './registry-demo.ts';
export { demoClosingPrice, seedClosingPriceDemo } from './price-demo.ts';
