/**
 * The case view: coverage per competency, a competency x quarter heatmap over
 * the last four quarters, gaps, the calibration questions answered by linked
 * evidence (or flagged as unanswered), the signals checklist with the evidence
 * linked to each signal, goals agreed with the manager, the 90-day plan, and
 * the Markdown promotion packet.
 */
import { useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Evidence } from '../../../shared/schemas';
import { buildCase, consistency, formatDay, halfOfQuarter, type Strength } from '../../../shared/case';
import { inPeriod, periodTarget, resolvePeriod } from '../../../shared/period';
import { casePacketInput } from '../../../shared/packet';
import { goalsAndSignalsMarkdown } from '../../../shared/packet-plan';
import { PACKET_FORMAT_LABELS, PACKET_FORMATS, renderPacket, type PacketFormat } from '../../../shared/packets/index';
import { listGoals, listStories, listWeeklyLogs } from '../../db/queries';
import { StoriesSection } from '../stories/StoriesSection';
import { storiesCiting, STORY_QUESTIONS } from '../../../shared/story';
import { useCaseData } from '../../hooks/useCaseData';
import { localToday } from '../format';
import { SignalsChecklist } from './SignalsChecklist';
import { GoalsCard } from './GoalsCard';
import { PlanCard } from './PlanCard';
import { downloadText } from './download';
import { PeersAnswer } from '../testimonials/PeersAnswer';
import { useCachedTestimonials, useQuotesByEvidence } from '../../hooks/useTestimonials';
import { shownTestimonials } from '../../../shared/testimonials';
import { Card } from '../common/Card';
import { EvidenceLink } from '../form/EvidenceLink';

const STRENGTH_LABELS: Record<Strength, string> = {
  none: 'None',
  thin: 'Thin',
  developing: 'Developing',
  strong: 'Strong',
};

/** Heat level 0-4 of a quarter cell holding `n` items. */
export function heatLevel(n: number): number {
  return n === 0 ? 0 : n <= 2 ? 1 : n <= 5 ? 2 : n <= 10 ? 3 : 4;
}

/** Case tab. `ownerName` heads the exported packet. */
export function CaseTab({ ownerName, onOpenLibrary }: { ownerName: string; onOpenLibrary: () => void }) {
  const { mapped: all, evidence, rubric, settings } = useCaseData();
  const logs = useLiveQuery(() => listWeeklyLogs(), []);
  const goals = useLiveQuery(() => listGoals(), []);
  const stories = useLiveQuery(() => listStories(), []);
  const [format, setFormat] = useState<PacketFormat>('senior');
  const today = localToday();
  // The review period (Settings) scopes coverage, gaps and the calibration answers; the heatmap keeps 4 quarters.
  const period = useMemo(() => resolvePeriod(settings?.reviewPeriod, today), [settings?.reviewPeriod, today]);
  const target = periodTarget(period, settings?.coverageTarget);
  const mapped = useMemo(() => all?.filter((e) => inPeriod(e.occurredOn, period)), [all, period]);
  const view = useMemo(() => {
    if (!mapped || !all) return null;
    return { ...buildCase(mapped, rubric, period.to), consistency: consistency(all, rubric, period.to) };
  }, [mapped, all, rubric, period.to]);
  const oneHalf = useMemo(() => {
    if (!view) return [];
    return view.consistency.rows
      .filter((r) => {
        const halves = new Set(view.consistency.quarters.filter((_, i) => (r.counts[i] ?? 0) > 0).map(halfOfQuarter));
        return halves.size === 1;
      })
      .map((r) => r.name);
  }, [view]);
  const [exported, setExported] = useState(false);
  const testimonials = useCachedTestimonials();
  const quotesOf = useQuotesByEvidence();

  if (!view || !mapped || !evidence) return <p className="muted pad">Loading…</p>;

  if (mapped.length === 0 && all && all.length > 0) {
    return (
      <div className="empty-state" data-testid="case-empty-period">
        <p>
          <strong>Nothing in {period.label} yet.</strong>
        </p>
        <p className="muted">
          {all.length.toLocaleString('en-US')} items are outside the review period ({formatDay(period.from, today)} to{' '}
          {formatDay(period.to, today)}). Change it in Account → Review period.
        </p>
        <GoalsCard />
      </div>
    );
  }

  if (mapped.length === 0) {
    return (
      <div className="empty-state" data-testid="case-empty">
        <p>
          <strong>Your case starts with one item.</strong>
        </p>
        <p className="muted">
          Clip a PR, a design doc or a ticket and tag it with a competency: this view then shows your coverage, the gaps
          to work on and how the calibration questions are answered. Goals and a 90-day plan work already.
        </p>
        <GoalsCard />
      </div>
    );
  }

  function exportPacket() {
    const md = renderPacket(
      format,
      casePacketInput({
        ownerName: settings?.displayName || ownerName,
        rubric,
        evidence: mapped ?? [],
        weeklyLogs: logs ?? [],
        from: period.from,
        to: period.to,
        generatedAt: new Date().toISOString(),
        stories: stories ?? [],
        testimonials: shownTestimonials(testimonials ?? []),
      }),
    );
    const plan = goalsAndSignalsMarkdown(rubric, goals ?? [], mapped ?? []);
    downloadText(
      plan ? `${md.trimEnd()}\n\n${plan}` : md,
      `casebook-packet-${today}${format === 'senior' ? '' : `-${format}`}.md`,
      'text/markdown',
    );
    setExported(true);
  }

  return (
    <div className="case" data-testid="case-view">
      <div className="case-head">
        <p className="muted small">
          {rubric.name} · <span data-testid="case-period">{period.label}</span> ({formatDay(period.from, today)} to{' '}
          {formatDay(period.to, today)}) · {mapped.length.toLocaleString('en-US')} items
        </p>
        <select
          className="input packet-format"
          aria-label="Packet format"
          data-testid="packet-format"
          value={format}
          onChange={(e) => {
            setFormat(e.target.value as PacketFormat);
            setExported(false);
          }}
        >
          {PACKET_FORMATS.map((f) => (
            <option key={f} value={f}>
              {PACKET_FORMAT_LABELS[f]}
            </option>
          ))}
        </select>
        <button type="button" className="button secondary small" data-testid="export-packet" onClick={exportPacket}>
          {exported ? 'Downloaded ✓' : 'Export packet (.md)'}
        </button>
      </div>

      <StoriesSection evidence={mapped} />

      <Card titleId="coverage-title" title="Coverage">
        <table className="coverage-table" data-testid="coverage-table">
          <thead>
            <tr>
              <th scope="col">Competency</th>
              <th scope="col" className="num" title={`Items in the period, against a target of ${target}`}>
                Items / {target}
              </th>
              <th scope="col">Last</th>
              <th scope="col">Strength</th>
            </tr>
          </thead>
          <tbody>
            {view.coverage.map((c) => (
              <tr key={c.competencyId}>
                <th scope="row">
                  {c.name}
                  <span className="bar" aria-hidden="true">
                    <span style={{ width: `${Math.min(100, (c.count / target) * 100)}%` }} />
                  </span>
                </th>
                <td className="num">{c.count}</td>
                <td className="nowrap">{c.lastOn ? formatDay(c.lastOn, today) : '–'}</td>
                <td>
                  <span className={`strength ${c.strength}`}>{STRENGTH_LABELS[c.strength]}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {view.untagged.length > 0 && (
          <p className="muted small">
            {view.untagged.length} untagged item{view.untagged.length === 1 ? '' : 's'} count for nothing yet.{' '}
            <button type="button" className="link-button inline" onClick={onOpenLibrary}>
              Tag them in the library
            </button>
          </p>
        )}
      </Card>

      <Card titleId="heatmap-title" title="Consistency over the last four quarters">
        <table className="heatmap" data-testid="heatmap">
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Competency</span>
              </th>
              {view.consistency.quarters.map((q) => (
                <th key={q} scope="col">
                  {q.slice(5)} <span className="muted">{q.slice(2, 4)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.consistency.rows.map((r) => (
              <tr key={r.competencyId}>
                <th scope="row">{r.name}</th>
                {r.counts.map((n, i) => (
                  <td
                    key={view.consistency.quarters[i]}
                    className={`heat h${heatLevel(n)}`}
                    title={`${r.name}, ${view.consistency.quarters[i]}: ${n} item${n === 1 ? '' : 's'}`}
                  >
                    {n}
                  </td>
                ))}
              </tr>
            ))}
            <tr className="totals">
              <th scope="row">All items</th>
              {view.consistency.totals.map((n, i) => (
                <td key={view.consistency.quarters[i]}>{n}</td>
              ))}
            </tr>
          </tbody>
        </table>
      </Card>

      <Card titleId="gaps-title" title="Gaps">
        {view.gaps.length === 0 && oneHalf.length === 0 ? (
          <p className="ok-text">Every competency has evidence in the last 4 weeks and across both halves.</p>
        ) : (
          <ul className="gap-list" data-testid="gaps">
            {view.gaps.map((g) => (
              <li key={g.competencyId}>
                <strong>{g.name}</strong>:{' '}
                {g.lastOn ? `nothing since ${formatDay(g.lastOn, today)}` : 'no evidence yet'}
              </li>
            ))}
            {oneHalf.map((name) => (
              <li key={`half-${name}`}>
                <strong>{name}</strong>: evidence in only one half-year; a committee will ask whether it is sustained
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card titleId="calibration-title" title="Calibration questions">
        <ol className="questions" data-testid="calibration">
          {view.calibration.answers.map((a) => (
            <li key={a.id} className={a.supported ? 'answered' : 'unanswered'}>
              <p className="question">
                <span className={`badge ${a.supported ? 'ok' : 'warn'}`}>
                  {a.supported ? 'Answered' : 'Unanswered'}
                </span>{' '}
                {a.question}
              </p>
              <p className="muted small">{a.answer}</p>
              {a.evidence.length > 0 && (
                <ul className="compact-list">
                  {STORY_QUESTIONS.includes(a.id)
                    ? storiesCiting(
                        (stories ?? []).filter((s) => s.deletedAt === null),
                        a.evidence.map((e) => e.id),
                      ).map((s) => (
                        <li key={`story-${s.id}`} data-testid="calibration-story">
                          <strong>Story: {s.title}</strong>
                        </li>
                      ))
                    : null}
                  {a.evidence.slice(0, 3).map((e) => (
                    <EvidenceRow key={e.id} e={e} peerQuotes={quotesOf.get(e.id)?.length ?? 0} />
                  ))}
                  {a.evidence.length > 3 && <li className="muted small">and {a.evidence.length - 3} more</li>}
                </ul>
              )}
            </li>
          ))}
          <PeersAnswer mapped={mapped} rubric={rubric} />
        </ol>
      </Card>

      <SignalsChecklist />
      <GoalsCard />
      <PlanCard today={today} />
    </div>
  );
}

/** A compact link to one item (title and date; how many peers quoted it, when any). */
export function EvidenceRow({
  e,
  peerQuotes = 0,
}: {
  e: Pick<Evidence, 'id' | 'title' | 'url' | 'occurredOn'>;
  peerQuotes?: number;
}) {
  const today = localToday();
  return (
    <li>
      <EvidenceLink item={e} /> <span className="muted small">{formatDay(e.occurredOn, today)}</span>
      {peerQuotes > 0 && (
        <span className="badge ok" title="Peer testimonials about this item">
          {peerQuotes === 1 ? '1 peer quote' : `${peerQuotes} peer quotes`}
        </span>
      )}
    </li>
  );
}
