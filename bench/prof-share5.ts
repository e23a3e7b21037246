import { renderSharePage } from '../worker/render/share-page';
import { SENIOR_ENGINEER } from '../shared/rubric';
import { makeEvidence } from './lib/data';
const items = makeEvidence(500).map(({ privateNote: _d, ...r }) => r);
const input = {
  ownerName: 'Ada Example',
  label: 'H2 calibration',
  scope: {},
  rubric: SENIOR_ENGINEER,
  evidence: items,
  weeklyLogs: [],
  generatedAt: '2026-11-20T12:00:00.000Z',
  packetUrl: 'http://127.0.0.1:8787/s/token/packet.md',
};
const xs: number[] = [];
for (let i = 0; i < 200; i++) {
  const t = performance.now();
  renderSharePage(input as never);
  xs.push(performance.now() - t);
}
console.log(xs.map((x) => x.toFixed(0)).join(' '));
