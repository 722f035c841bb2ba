// SPDX-License-Identifier: MIT
// mesa.html: the Mesa de Salud (?body=ID, default the first body) or one of its meetings (?meeting=ID). Public to
// read; a coordinator (from the session) also convenes, edits the agenda and takes attendance.
import './mesa.css';
import { h } from '../../dom';
import { bi } from '../../access/labels';
import { currentSession } from '../../access/session';
import { main, pageTitle, renderShell, setTitle } from '../../access/shell';
import type { SessionBody } from '../../access/types';
import { listBodies, readMeeting } from './api';
import type { MeetingDetail } from './api';
import { bodyPage } from './body_page';
import { meetingPage } from './meeting_page';

const isCoordinator = (s: SessionBody | null) => !!s && s.account.grants.some((g) => g.role === 'coordinator');

function failed(e: unknown): HTMLElement {
  return h('div', { class: 'page access-page' },
    pageTitle(bi('No se pudo mostrar', 'Could not be shown')),
    h('p', { class: 'notice notice-warn', role: 'alert' }, e instanceof Error ? e.message : String(e)));
}

async function start(): Promise<void> {
  renderShell('mesa');
  let session: SessionBody | null = null;
  try {
    session = await currentSession();
  } catch {
    session = null;
  }
  renderShell('mesa', session);
  const coordinator = isCoordinator(session);
  const q = new URLSearchParams(location.search);
  try {
    const meeting = Number(q.get('meeting'));
    if (meeting > 0) {
      const redraw = (m: MeetingDetail, focusId?: string) => {
        setTitle(m.title, m.title);
        main.replaceChildren(meetingPage(m, coordinator, redraw));
        if (focusId) (document.getElementById(focusId) as HTMLElement | null)?.focus();
      };
      redraw(await readMeeting(meeting));
      return;
    }
    const bodies = await listBodies();
    const wanted = Number(q.get('body'));
    const body = bodies.find((b) => b.id === wanted) ?? bodies[0];
    if (!body) {
      main.replaceChildren(h('div', { class: 'page access-page' }, pageTitle(bi('Mesa de Salud', 'Health Board')),
        h('p', null, bi('No hay órganos registrados.', 'No bodies are registered.'))));
      return;
    }
    setTitle('Mesa de Salud', 'Health Board');
    main.replaceChildren(await bodyPage(body, coordinator));
  } catch (e) {
    main.replaceChildren(failed(e));
  }
}

void start();
