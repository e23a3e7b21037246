/**
 * The account's storage against its quota (`GET /api/v1/me` `usage`, docs/SECURITY.md):
 * records and megabytes, each as a meter that turns to the warning colour past 80%.
 * Shows nothing when the server does not report usage (an older server).
 */
import { useEffect, useState } from 'react';
import type { AccountUsage, CasebookApi } from '../../api/client';

/** Share of the quota (0 to 1) past which the meter warns. */
export const QUOTA_WARN_AT = 0.8;

/** How full the account is: the larger of the record and byte shares (0 to 1 and beyond), and whether to warn. */
export function quotaLevel(u: AccountUsage): { share: number; warn: boolean } {
  const share = Math.max(u.records / u.maxRecords, u.bytes / u.maxBytes);
  return { share, warn: share > QUOTA_WARN_AT };
}

function mb(bytes: number): string {
  const v = bytes / 1e6;
  return v < 10 ? v.toFixed(1) : String(Math.round(v));
}

/** Quota meter; re-reads `/me` whenever `refreshKey` changes (e.g. after each sync). */
export function QuotaMeter({ api, refreshKey }: { api: CasebookApi; refreshKey: unknown }) {
  const [usage, setUsage] = useState<AccountUsage | null>(null);
  useEffect(() => {
    let alive = true;
    api.me().then(
      (me) => alive && setUsage(me.usage ?? null),
      () => undefined, // the sync card already reports a server that cannot be reached
    );
    return () => {
      alive = false;
    };
  }, [api, refreshKey]);
  if (!usage) return null;
  const { share, warn } = quotaLevel(usage);
  const meter = (value: number, max: number, label: string) => (
    <meter
      className="quota-meter"
      min={0}
      max={max}
      low={max * QUOTA_WARN_AT}
      high={max * 0.95}
      optimum={0}
      value={Math.min(value, max)}
      aria-label={label}
    />
  );
  return (
    <div className={`quota${warn ? ' warn' : ''}`} data-testid="quota" data-share={share.toFixed(3)}>
      <p className="small quota-line">
        <span>
          Storage: {usage.records.toLocaleString('en')} of {usage.maxRecords.toLocaleString('en')} records
        </span>
        {meter(usage.records, usage.maxRecords, 'Records used')}
      </p>
      <p className="small quota-line">
        <span>
          {mb(usage.bytes)} of {mb(usage.maxBytes)} MB
        </span>
        {meter(usage.bytes, usage.maxBytes, 'Megabytes used')}
      </p>
      {warn && (
        <p className="small quota-warning" role="status">
          {share >= 1
            ? 'Your account is full: new changes wait on this device. Delete evidence you no longer need to make room.'
            : `Your account is ${Math.round(share * 100)}% full.`}
        </p>
      )}
    </div>
  );
}
