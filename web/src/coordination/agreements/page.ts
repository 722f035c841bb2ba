// SPDX-License-Identifier: MIT
// acuerdos.html: the agreements of the Mesa de Salud. Three views by the page's address: the public list with
// progress bars and the server's filters (?organisation=&status=&municipality=), one agreement (?id=N) with its
// links, children and timeline, and the follow-up (?vista=seguimiento: what is due or late per organisation and
// the scorecards). Those who may act see their forms: a coordinator records agreements from a meeting and imports
// a CSV (the server's row report shown line by line); the responsible organisation's editors report progress with
// a link or a file. Every figure is the server's.
import { h } from '../../dom';
import { currentSession } from '../../access/session';
import { maybeSignedIn } from '../../access/session_store';
import { main, renderShell, setTitle } from '../../access/shell';
import type { SessionBody } from '../../access/types';
import { showDetail } from './detail';
import { showFollowUp } from './follow_up';
import { showList } from './list';
import './agreements.css';

async function start(): Promise<void> {
  let session: SessionBody | null = null;
  if (maybeSignedIn()) {
    try {
      session = await currentSession();
    } catch {
      session = null;
    }
  }
  renderShell('agreements', session);
  const q = new URLSearchParams(location.search);
  const id = Number(q.get('id'));
  if (Number.isInteger(id) && id > 0) {
    await showDetail(id, session);
  } else if (q.get('vista') === 'seguimiento') {
    setTitle('Seguimiento de acuerdos', 'Agreements follow-up');
    await showFollowUp();
  } else {
    setTitle('Acuerdos', 'Agreements');
    await showList(session);
  }
}

start().catch((e: unknown) => {
  main.replaceChildren(h('p', { class: 'notice notice-warn', role: 'alert' }, e instanceof Error ? e.message : String(e)));
});
