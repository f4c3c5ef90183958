export { DEMO_CARDS, DEMO_PEOPLE, seedVerificationDemo, withLuhn } from './demo.ts';
export { TAX_DEMO_ACCOUNT, TAX_DEMO_DIVIDEND, TAX_DEMO_TRADES, taxDemoTradeDate } from './dividend-tax-demo.ts';
