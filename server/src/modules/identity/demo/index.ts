export { seedIdentityDemo } from './demo.ts';
