/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
/**
 * The share page's smaller sections as Hono JSX components: one calibration
 * answer, the coverage table, the monthly timeline and the weekly logs. Every
 * user string goes through JSX escaping.
 */
import type { FC } from 'hono/jsx';
import { formatDay, monthlyCounts, type CalibrationAnswer, type CompetencyCoverage } from '../../../shared/case';
import type { WeeklyLog } from '../../../shared/schemas';
import { storiesCiting, STORY_QUESTIONS } from '../../../shared/story';
import type { StoryView } from '../../../shared/packets/stories';
import { compactTimeline, shortMonth, STRENGTH_LABELS, WEEKLY_PROMPTS, weekLabel, type PublicCard } from '../common';

/** How many items each calibration answer lists before "and N more". */
const SUMMARY_ITEMS = 5;

/** One calibration question: its answer, the stories citing its evidence, then its first items (linked when anchored). */
export const Answer: FC<{ answer: CalibrationAnswer<PublicCard>; anchors: Set<string>; stories: StoryView[] }> = ({
  answer,
  anchors,
  stories,
}) => {
  // Stories first: one piece of senior-sized work weighs more than single items.
  const cited = STORY_QUESTIONS.includes(answer.id)
    ? storiesCiting(
        stories,
        answer.evidence.map((e) => e.id),
      )
    : [];
  const shown = answer.evidence.slice(0, SUMMARY_ITEMS);
  const rest = answer.evidence.length - shown.length;
  return (
    <div class={`q ${answer.supported ? 'yes' : 'no'}`}>
      <h3>{answer.question}</h3>
      <p class={answer.evidence.length === 0 ? 'no-ev' : undefined}>{answer.answer}</p>
      {shown.length + cited.length > 0 ? (
        <ul>
          {cited.map((s) => (
            <li key={`s-${s.id}`} class="st">
              {'Story: '}
              <a href={`#story-${s.id}`}>{s.title}</a>
              {` (${s.items.length === 1 ? '1 item' : `${s.items.length} items`})`}
            </li>
          ))}
          {shown.map((e) => (
            <li key={e.id}>
              {anchors.has(e.id) ? <a href={`#ev-${e.id}`}>{e.title}</a> : e.title}
              {` (${formatDay(e.occurredOn)})`}
            </li>
          ))}
        </ul>
      ) : null}
      {rest > 0 ? <p class="more">{`and ${rest} more below`}</p> : null}
    </div>
  );
};

/** Coverage per competency: items, latest evidence, strength; each name links to its section. */
export const CoverageTable: FC<{ rows: CompetencyCoverage[] }> = ({ rows }) => (
  <table>
    <thead>
      <tr>
        <th>Competency</th>
        <th class="num">Items</th>
        <th>Latest</th>
        <th>Strength</th>
      </tr>
    </thead>
    <tbody>
      {rows.map((r) => (
        <tr key={r.competencyId}>
          <td>
            <a href={`#c-${r.competencyId}`}>{r.name}</a>
          </td>
          <td class="num">{String(r.count)}</td>
          <td>{r.lastOn ? formatDay(r.lastOn) : '–'}</td>
          <td class={`s-${r.strength}`}>{STRENGTH_LABELS[r.strength]}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

/** Evidence per month as bars, long runs of empty months folded into one "N months without evidence" row. */
export const Timeline: FC<{ cards: PublicCard[] }> = ({ cards }) => {
  const months = monthlyCounts(cards);
  const max = Math.max(1, ...months.map((m) => m.count));
  return (
    <table class="timeline">
      <tbody>
        {compactTimeline(months).map((row) =>
          row.kind === 'gap' ? (
            <tr key={row.from} class="gap">
              <td class="m">{`${shortMonth(row.from)} to ${shortMonth(row.to)}`}</td>
              <td class="b">
                <span class="none">{`${row.months} months without evidence`}</span>
              </td>
              <td class="num">0</td>
            </tr>
          ) : (
            <tr key={row.month}>
              <td class="m">{shortMonth(row.month)}</td>
              <td class="b">
                {row.count > 0 ? <div class="bar" style={`width:${Math.round((row.count / max) * 100)}%`} /> : null}
              </td>
              <td class="num">{String(row.count)}</td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
};

/** The weekly logs, newest week first, each with its answered prompts. */
export const WeeklyLogs: FC<{ logs: WeeklyLog[] }> = ({ logs }) => (
  <>
    {[...logs]
      .sort((a, b) => (a.week < b.week ? 1 : -1))
      .map((log) => {
        const answered = WEEKLY_PROMPTS.filter((p) => log[p.key].trim() !== '');
        return (
          <div key={log.id} class="log">
            <h3>{weekLabel(log.week)}</h3>
            {answered.length === 0 ? (
              <p class="empty">Nothing written this week.</p>
            ) : (
              <dl>
                {answered.map((p) => (
                  <>
                    <dt>{p.label}</dt>
                    <dd>{log[p.key].trim()}</dd>
                  </>
                ))}
              </dl>
            )}
          </div>
        );
      })}
  </>
);
