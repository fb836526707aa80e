// Demo Arbor: renders the student list or a student profile from the route (everything after "?" when it is
// immediately followed by "/"), and navigates between them with history.pushState, without reloads.
// Text goes in with textContent only.

const roster = await (await fetch('/roster.json')).json();

function route() {
  return location.search.startsWith('?/') ? location.search.slice(1) : '/home-ui/dashboard';
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

function studentHref(s) {
  return `/?/students/profile-ui/dashboard/student-id/${s.id}`;
}

function renderList(main) {
  const table = el(
    'table',
    { class: 'mis-table', 'data-testid': 'student-list' },
    el('thead', {}, el('tr', {}, el('th', {}, 'Name'), el('th', {}, 'Year'), el('th', {}, 'Registration form'))),
  );
  const body = el('tbody');
  for (const s of roster) {
    body.append(
      el(
        'tr',
        { class: 'mis-table-row' },
        el('td', {}, el('a', { href: studentHref(s), class: 'mis-link' }, `${s.first} ${s.last}`)),
        el('td', {}, `Year ${s.year}`),
        el('td', {}, s.form),
      ),
    );
  }
  table.append(body);
  main.replaceChildren(el('h1', { class: 'mis-page-title' }, 'Students'), table);
}

function renderProfile(main, id) {
  const s = roster.find((x) => x.id === id);
  if (!s) {
    main.replaceChildren(el('p', {}, 'Student not found'));
    return;
  }
  main.replaceChildren(
    el(
      'section',
      { class: 'student-profile-header' },
      el('h1', { class: 'profile-name', 'data-testid': 'student-name' }, `${s.first} ${s.last}`),
      el('p', { class: 'profile-meta' }, `Form ${s.form} · Year ${s.year} · `, el('span', { class: 'badge-sen' }, 'SEN')),
    ),
    el(
      'section',
      { class: 'profile-section' },
      el('h2', {}, 'Identity'),
      el(
        'table',
        { class: 'mis-table' },
        el('tr', {}, el('th', {}, 'Legal name'), el('td', {}, `${s.last}, ${s.first}`)),
        el('tr', {}, el('th', {}, 'UPN'), el('td', {}, s.upn)),
      ),
    ),
    el('p', {}, el('a', { href: '/?/students/list' }, 'Back to all students')),
  );
}

function render() {
  const main = document.getElementById('mis-content');
  const r = route();
  const m = /(?:^|\/)student-id\/(\d+)/.exec(r);
  document.title = 'Arbor';
  if (m) renderProfile(main, m[1]);
  else if (r.startsWith('/students')) renderList(main);
  else
    main.replaceChildren(
      el('h1', { class: 'mis-page-title' }, 'Dashboard'),
      el('p', {}, el('a', { href: '/?/students/list' }, 'All students')),
    );
}

// SPA navigation: intercept same-origin route links and push the new route.
document.addEventListener('click', (event) => {
  const a = event.target instanceof Element ? event.target.closest('a[href^="/?/"]') : null;
  if (!a || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey) return;
  event.preventDefault();
  history.pushState({}, '', a.getAttribute('href'));
  render();
});
addEventListener('popstate', render);
render();
