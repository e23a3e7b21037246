/**
 * Bodies of the fake GitHub (scripts/fakes/github.ts), with the keys of recorded responses: users
 * and search items as in octokit/fixtures search-issues (plus the documented PR-only `draft` and
 * `pull_request`), reviews as in the hub4j recordings, pulls with the main keys of the recorded PRs
 * (tests/fixtures/github, see tests/fixtures/SOURCES.md; tests/unit/importers/fixtures.test.ts checks
 * the key sets).
 */
import { prUrl, type FakePr, type FakeReview } from './github-data';

/** A user object as GitHub embeds it (keys of the recorded fixtures). */
export function userBody(login: string, htmlBase: string, apiBase: string, full = false) {
  const id = [...login].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % 90_000_000;
  const u = `${apiBase}/users/${login}`;
  const base = {
    login,
    id,
    node_id: `U_kgDO${id.toString(36).toUpperCase()}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: u,
    html_url: `${htmlBase}/${login}`,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type: 'User',
    site_admin: false,
  };
  return full ? { ...base, name: login.replace(/-/g, ' '), company: null, created_at: '2015-03-02T10:00:00Z' } : base;
}

/** A `GET /search/issues` item for a PR (octokit/fixtures search-issues item + `draft` + `pull_request`). */
export function searchItem(pr: FakePr, htmlBase: string, apiBase: string) {
  const repoApi = `${apiBase}/repos/${pr.repo}`;
  const html = prUrl(htmlBase, pr);
  return {
    url: `${repoApi}/issues/${pr.number}`,
    repository_url: repoApi,
    labels_url: `${repoApi}/issues/${pr.number}/labels{/name}`,
    comments_url: `${repoApi}/issues/${pr.number}/comments`,
    events_url: `${repoApi}/issues/${pr.number}/events`,
    html_url: html,
    id: pr.id,
    node_id: `PR_kwDO${pr.id.toString(36).toUpperCase()}`,
    number: pr.number,
    title: pr.title,
    user: userBody(pr.author, htmlBase, apiBase),
    labels: pr.labels.map((name, i) => ({
      id: 100 + i,
      node_id: `LA_${i}`,
      url: `${repoApi}/labels/${name}`,
      name,
      color: 'd73a4a',
      default: name === 'bug',
      description: null,
    })),
    state: pr.closedAt ? 'closed' : 'open',
    locked: false,
    assignee: null,
    assignees: [],
    milestone: null,
    comments: pr.reviews.length,
    created_at: pr.createdAt,
    updated_at: pr.updatedAt,
    closed_at: pr.closedAt,
    author_association: 'MEMBER',
    draft: pr.draft,
    pull_request: {
      url: `${repoApi}/pulls/${pr.number}`,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      merged_at: pr.mergedAt,
    },
    body: `Changes for ${pr.title}.`,
    score: 1,
  };
}

/** A review as `GET …/pulls/{n}/reviews` answers it (keys of the hub4j recordings). */
export function reviewBody(r: FakeReview, pr: FakePr, htmlBase: string, apiBase: string) {
  const html = `${prUrl(htmlBase, pr)}#pullrequestreview-${r.id}`;
  const pull = `${apiBase}/repos/${pr.repo}/pulls/${pr.number}`;
  return {
    id: r.id,
    node_id: `PRR_kwDO${r.id.toString(36).toUpperCase()}`,
    user: r.user === null ? null : userBody(r.user, htmlBase, apiBase),
    body: r.state === 'APPROVED' ? 'LGTM 👍 ' : 'A few comments inline.',
    state: r.state,
    html_url: html,
    pull_request_url: pull,
    author_association: r.user === null ? 'NONE' : 'MEMBER',
    _links: { html: { href: html }, pull_request: { href: pull } },
    ...(r.submittedAt ? { submitted_at: r.submittedAt } : {}),
    commit_id: (r.id * 2654435761).toString(16).padStart(40, '0').slice(-40),
  };
}

/** A `GET /repos/{o}/{r}/pulls/{n}` body (the main keys of the recorded PRs). */
export function pullBody(pr: FakePr, htmlBase: string, apiBase: string) {
  const item = searchItem(pr, htmlBase, apiBase);
  return {
    url: item.pull_request.url,
    id: pr.id,
    node_id: item.node_id,
    html_url: item.html_url,
    diff_url: item.pull_request.diff_url,
    patch_url: item.pull_request.patch_url,
    number: pr.number,
    state: item.state,
    locked: false,
    title: pr.title,
    user: item.user,
    body: item.body,
    labels: item.labels,
    created_at: pr.createdAt,
    updated_at: pr.updatedAt,
    closed_at: pr.closedAt,
    merged_at: pr.mergedAt,
    requested_reviewers: [],
    draft: pr.draft,
    merged: pr.mergedAt !== null,
    merged_by: pr.mergedAt ? item.user : null,
    comments: 0,
    review_comments: pr.reviews.length,
    commits: 1 + (pr.number % 5),
    additions: 10 + (pr.number % 400),
    deletions: pr.number % 120,
    changed_files: 1 + (pr.number % 12),
  };
}
