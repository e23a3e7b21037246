/**
 * The logic behind `npm run deploy`, in two halves: ./deploy-plan.ts (types,
 * the production config computed from wrangler.toml and the flags, parsers of
 * wrangler's answers, the dry-run runner) and ./deploy-apply.ts (the steps
 * that run wrangler and npm). Importers keep using this module.
 */
export * from './deploy-plan';
export { deploy } from './deploy-apply';
