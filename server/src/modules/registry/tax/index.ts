export { computeDividendTax, dividendTaxFor, type DividendTaxLine } from './dividend-tax-records.ts';
