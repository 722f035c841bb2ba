// SPDX-License-Identifier: MIT
// convenio.html: the coordination agreement (the newest, or ?id=N), public; a coordinator also sees the panel
// that edits it. After each write the page redraws from the server's answer and says what was done.
import '../coordination.css';
import { h } from '../../dom';
import { refusal } from '../../access/forms';
import { bi } from '../../access/labels';
import { currentSession } from '../../access/session';
import { maybeSignedIn } from '../../access/session_store';
import { main, pageTitle, renderShell, requireLive, setTitle } from '../../access/shell';
import type { SessionBody } from '../../access/types';
import { isCoordinator } from '../shared';
import { listConvenios, readConvenio } from './api';
import type { Read } from './api';
import { coordinatorPanel } from './actions';
import { convenioView } from './view';

let session: SessionBody | null = null;

function draw(read: Read, said?: (Node | string)[]): void {
  const status = h('p', { class: 'form-ok', role: 'status', id: 'convenio-said', tabindex: -1 }, said ?? '');
  if (said) status.classList.add('shown');
  const page = convenioView(read.convenio);
  page.insertBefore(status, page.children[1] ?? null);
  if (session && isCoordinator(session.account.grants))
    page.append(coordinatorPanel(read.convenio, read.etag, (next, words) => draw(next, words)));
  main.replaceChildren(page);
  if (said) status.focus();
}

async function start(): Promise<void> {
  setTitle('Convenio', 'Coordination agreement');
  renderShell('convenio');
  if (!(await requireLive())) return;
  if (maybeSignedIn()) session = await currentSession().catch(() => null);
  renderShell('convenio', session);
  try {
    const asked = Number(new URLSearchParams(location.search).get('id'));
    let id = Number.isInteger(asked) && asked > 0 ? asked : 0;
    if (!id) {
      const all = await listConvenios();
      if (!all.length) {
        main.replaceChildren(h('div', { class: 'page' }, pageTitle(bi('Convenio', 'Coordination agreement')),
          h('p', null, bi('Aún no hay convenio.', 'There is no convenio yet.'))));
        return;
      }
      id = all[0].id;
    }
    draw(await readConvenio(id));
  } catch (e) {
    main.replaceChildren(h('div', { class: 'page' }, pageTitle(bi('Convenio', 'Coordination agreement')),
      h('p', { class: 'form-error shown', role: 'alert' }, refusal(e))));
  }
}

void start();
