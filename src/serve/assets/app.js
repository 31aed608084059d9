// The newsdex search page: asks the JSON API under /api/ and draws what it answers.
//
// Indexed text (titles, passages, names, URLs) comes from crawled pages and may hold markup such
// as <script>. It only ever enters the page as text: elements are built with createElement and
// filled with text nodes, never with innerHTML, and links get an href only for http(s) URLs.
'use strict';

const PAGE = 20;
const MAX_OFFSET = 10000;
const FACETS = 15;

const $ = (id) => document.getElementById(id);

// What is searched: the query, the filters, the page and the timeline period.
let state = fromUrl(location.search);
// Bumped by every new search, so answers to older ones are dropped.
let generation = 0;

function fromUrl(search) {
  const p = new URLSearchParams(search);
  return {
    q: p.get('q') || '',
    actors: p.getAll('actor'),
    places: p.getAll('place'),
    since: p.get('since') || '',
    until: p.get('until') || '',
    section: p.get('section') || '',
    all_words: p.get('all_words') === 'true',
    offset: Math.max(0, parseInt(p.get('offset') || '0', 10) || 0),
    by: p.get('by') || 'month',
  };
}

// The query and filters as API parameters.
function filterParams(s) {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  for (const a of s.actors) p.append('actor', a);
  for (const pl of s.places) p.append('place', pl);
  if (s.since) p.set('since', s.since);
  if (s.until) p.set('until', s.until);
  if (s.section) p.set('section', s.section);
  if (s.all_words) p.set('all_words', 'true');
  return p;
}

function withParams(base, extra) {
  const p = filterParams(state);
  for (const [k, v] of Object.entries(extra)) p.set(k, String(v));
  return base + '?' + p.toString();
}

// An element with attributes and children; strings become text nodes.
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) {
    if (c !== null && c !== undefined) node.append(c);
  }
  return node;
}

// The URL itself if it is http(s), else null: a crawled "javascript:" link must not be clickable.
function safeUrl(text) {
  if (!text) return null;
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch (e) {
    return null;
  }
}

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    body = null;
  }
  if (!response.ok) {
    const message = body && body.error ? body.error : 'HTTP ' + response.status;
    throw new Error(message);
  }
  return body;
}

// Runs the search of `state`: hits, facets and timeline, drawn as each arrives.
function run(push) {
  const url = '?' + filterParams(state).toString() +
    (state.offset ? '&offset=' + state.offset : '') +
    (state.by !== 'month' ? '&by=' + state.by : '');
  if (push) history.pushState(null, '', url === '?' ? location.pathname : url);
  showControls();
  const mine = ++generation;
  document.body.dataset.busy = '1';
  const current = () => mine === generation;
  const searching = getJson(withParams('/api/search', { limit: PAGE, offset: state.offset }))
    .then((page) => current() && drawHits(page))
    .catch((e) => current() && fail(e));
  const faceting = getJson(withParams('/api/facets', { limit: FACETS, pairs: false }))
    .then((facets) => current() && drawFacets(facets))
    .catch((e) => current() && drawFacets(null, e));
  const charting = loadTimeline(current);
  Promise.allSettled([searching, faceting, charting]).then(() => {
    if (!current()) return;
    // For tests and scripts: which search was last drawn in full.
    document.body.dataset.drawn = String(mine);
    delete document.body.dataset.busy;
  });
}

function loadTimeline(current) {
  return getJson(withParams('/api/timeline', { by: state.by }))
    .then((t) => current() && drawTimeline(t))
    .catch((e) => current() && drawTimeline(null, e));
}

function fail(error) {
  const status = $('status');
  status.className = 'error';
  status.textContent = error.message;
  $('hits').replaceChildren();
  $('pager').hidden = true;
  $('export').hidden = true;
}

// The form fields and the active-filter chips, from `state`.
function showControls() {
  $('q').value = state.q;
  $('since').value = state.since;
  $('until').value = state.until;
  $('section').value = state.section;
  $('all_words').checked = state.all_words;
  $('by').value = state.by;
  const chips = [];
  const chip = (label, value, remove) => chips.push(el('li', {},
    el('button', { type: 'button', class: 'chip', title: 'Remove this filter', onclick: remove },
      label + ': ', el('strong', {}, value), ' \u00d7')));
  for (const a of state.actors) chip('Actor', a, () => toggle('actors', a));
  for (const p of state.places) chip('Place', p, () => toggle('places', p));
  if (state.since) chip('From', state.since, () => set({ since: '' }));
  if (state.until) chip('To', state.until, () => set({ until: '' }));
  if (state.section) chip('Section', state.section, () => set({ section: '' }));
  if (state.all_words) chip('Match', 'all words', () => set({ all_words: false }));
  $('active').replaceChildren(...chips);
  $('clear').hidden = chips.length === 0;
}

// Changes `state` and searches again from the first page.
function set(changes) {
  state = Object.assign({}, state, changes, { offset: 0 });
  run(true);
}

// Adds the name to the actor or place filters, or removes it if it is there (any case).
function toggle(kind, name) {
  const list = state[kind];
  const at = list.findIndex((n) => n.toLowerCase() === name.toLowerCase());
  const next = at >= 0 ? list.filter((_, i) => i !== at) : list.concat([name]);
  set({ [kind]: next });
}

function has(kind, name) {
  return state[kind].some((n) => n.toLowerCase() === name.toLowerCase());
}

function drawHits(page) {
  const status = $('status');
  status.className = '';
  const list = $('hits');
  if (page.total === 0) {
    status.textContent = 'No passage matches.';
    list.replaceChildren();
    $('pager').hidden = true;
    $('export').hidden = true;
    return;
  }
  const first = page.offset + 1;
  const last = page.offset + page.hits.length;
  status.textContent = page.total + (page.total === 1 ? ' passage matches' : ' passages match') +
    (page.hits.length ? '; showing ' + first + '\u2013' + last + '.' : '.');
  list.replaceChildren(...page.hits.map(drawHit));
  list.start = first;
  const pager = $('pager');
  pager.hidden = page.total <= PAGE;
  $('prev').disabled = page.offset === 0;
  $('next').disabled = last >= page.total || page.offset + PAGE > MAX_OFFSET;
  $('page-info').textContent = 'Page ' + (Math.floor(page.offset / PAGE) + 1) + ' of ' +
    Math.ceil(page.total / PAGE);
  for (const format of ['csv', 'jsonl', 'xlsx']) {
    $('export-' + format).href = withParams('/api/export', { format });
  }
  $('export').title = page.total > 100000
    ? 'The best 100,000 of ' + page.total + ' hits, ranked' : 'All ' + page.total + ' hits, ranked';
  $('export').hidden = false;
}

// One hit: title (linked to its source), date, section, source, the passage with its matched
// words marked, and its actors and places as filter buttons.
function drawHit(hit) {
  const href = safeUrl(hit.url);
  const title = hit.title.trim() || '(untitled)';
  const heading = href
    ? el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, title)
    : document.createTextNode(title);
  const source = hit.url || hit.path;
  const names = [];
  for (const a of hit.actors) names.push(nameButton('actors', a));
  for (const p of hit.places) names.push(nameButton('places', p));
  return el('li', { class: 'hit' },
    el('h3', { class: 'title' }, heading),
    el('p', { class: 'meta' },
      el('span', { class: 'date' }, hit.date || 'no date'), ' \u00b7 ',
      el('span', { class: 'section section-' + hit.section }, hit.section), ' \u00b7 ',
      hit.query_words > 1
        ? el('span', { class: 'words', title: 'query words this passage holds' },
          hit.matched_words + '/' + hit.query_words + ' words \u00b7 ')
        : null,
      el('span', { class: 'source', title: hit.path }, source)),
    el('p', { class: 'passage' }, marked(hit.passage, hit.highlights)),
    names.length ? el('p', { class: 'names' }, ...names) : null);
}

function nameButton(kind, name) {
  const on = has(kind, name);
  return el('button', {
    type: 'button',
    class: 'name ' + kind + (on ? ' on' : ''),
    'aria-pressed': String(on),
    title: (on ? 'Remove the filter ' : 'Only articles naming ') + name,
    onclick: () => toggle(kind, name),
  }, name);
}

// The passage as text nodes, with the highlighted character ranges in <mark>. The API counts
// characters as Unicode code points, so the text is split into code points, not UTF-16 units.
function marked(text, spans) {
  const chars = Array.from(text);
  const fragment = document.createDocumentFragment();
  const sorted = (spans || []).slice().sort((a, b) => a[0] - b[0]);
  let at = 0;
  for (const [start, end] of sorted) {
    if (start < at || end <= start || end > chars.length) continue;
    if (start > at) fragment.append(chars.slice(at, start).join(''));
    fragment.append(el('mark', {}, chars.slice(start, end).join('')));
    at = end;
  }
  if (at < chars.length) fragment.append(chars.slice(at).join(''));
  return fragment;
}

function drawFacets(facets, error) {
  for (const kind of ['actors', 'places']) {
    const list = $(kind);
    if (!facets) {
      list.replaceChildren(el('li', { class: 'note' }, error ? error.message : ''));
      continue;
    }
    const items = facets[kind].map((f) => {
      const on = has(kind, f.name);
      return el('li', {},
        el('button', {
          type: 'button',
          class: 'facet' + (on ? ' on' : ''),
          'aria-pressed': String(on),
          'data-name': f.name,
          title: on ? 'Click to remove this filter' : 'Click to keep only articles naming it',
          onclick: () => toggle(kind, f.name),
        }, el('span', { class: 'facet-name' }, f.name), el('span', { class: 'count' }, String(f.articles))));
    });
    list.replaceChildren(...(items.length ? items : [el('li', { class: 'note' }, 'none')]));
  }
}

function drawTimeline(timeline, error) {
  const box = $('timeline');
  const note = $('timeline-note');
  if (!timeline) {
    box.replaceChildren();
    note.textContent = error ? error.message : '';
    return;
  }
  const max = Math.max(1, ...timeline.buckets.map((b) => b.articles));
  const bars = timeline.buckets.map((b) => {
    const bar = el('span', { class: 'fill' });
    bar.style.height = (100 * b.articles / max) + '%';
    return el('button', {
      type: 'button',
      class: 'column' + (b.articles ? '' : ' empty'),
      title: b.period + ': ' + b.articles + (b.articles === 1 ? ' article' : ' articles') +
        ' (click to keep only this period)',
      'aria-label': b.period + ': ' + b.articles + ' articles',
      onclick: () => set({ since: b.start, until: periodEnd(b.start, timeline.by) }),
    }, bar);
  });
  box.replaceChildren(...bars);
  const n = timeline.buckets.length;
  const parts = [];
  if (n) parts.push(timeline.buckets[0].period + ' \u2013 ' + timeline.buckets[n - 1].period);
  parts.push(timeline.articles + (timeline.articles === 1 ? ' article' : ' articles'));
  if (timeline.undated) parts.push(timeline.undated + ' without a date (not charted)');
  note.textContent = parts.join(' \u00b7 ');
}

// The last day of the period starting on `start` (YYYY-MM-DD), in UTC.
function periodEnd(start, by) {
  const [y, m, d] = start.split('-').map(Number);
  let end;
  if (by === 'day') end = new Date(Date.UTC(y, m - 1, d));
  else if (by === 'week') end = new Date(Date.UTC(y, m - 1, d + 6));
  else if (by === 'year') end = new Date(Date.UTC(y, 11, 31));
  else end = new Date(Date.UTC(y, m, 0));
  return end.toISOString().slice(0, 10);
}

$('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  set({ q: $('q').value.trim() });
});
$('since').addEventListener('change', () => set({ since: $('since').value }));
$('until').addEventListener('change', () => set({ until: $('until').value }));
$('section').addEventListener('change', () => set({ section: $('section').value }));
$('all_words').addEventListener('change', () => set({ all_words: $('all_words').checked }));
$('clear').addEventListener('click', () =>
  set({ actors: [], places: [], since: '', until: '', section: '', all_words: false }));
$('by').addEventListener('change', () => {
  state = Object.assign({}, state, { by: $('by').value });
  const url = new URL(location.href);
  url.searchParams.set('by', state.by);
  history.replaceState(null, '', url.search);
  const mine = generation;
  loadTimeline(() => mine === generation);
});
$('prev').addEventListener('click', () => {
  state = Object.assign({}, state, { offset: Math.max(0, state.offset - PAGE) });
  run(true);
  window.scrollTo(0, 0);
});
$('next').addEventListener('click', () => {
  state = Object.assign({}, state, { offset: state.offset + PAGE });
  run(true);
  window.scrollTo(0, 0);
});
window.addEventListener('popstate', () => {
  state = fromUrl(location.search);
  run(false);
});

run(false);
