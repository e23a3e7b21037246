import { benchRender } from './render';
if (process.argv[2] === 'heavy') {
  await import('vite');
  await import('playwright-core');
  await import('esbuild');
  await import('./bundle');
  await import('./chromium');
  await import('./sync');
  await import('./import');
}
const rows = await benchRender();
console.log(process.argv[2], rows[0]!.value.toFixed(2), rows[0]!.baseline!.toFixed(3), rows[0]!.ratio!.toFixed(1));
