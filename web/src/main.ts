/** The trainer page: Explore, Guided path and Quiz modes (web/index.html). */
import { byId, tablistKeys } from './dom.ts';
import { mountExplore, openScenario } from './explore.ts';
import { mountPath } from './path.ts';
import { initScore, nextQuestion } from './quiz.ts';

const MODES = ['explore', 'path', 'quiz'] as const;
type Mode = (typeof MODES)[number];

let quizStarted = false;

function setMode(mode: Mode): void {
  for (const m of MODES) {
    const tab = byId(`mode-${m}`);
    tab.setAttribute('aria-selected', m === mode ? 'true' : 'false');
    tab.tabIndex = m === mode ? 0 : -1;
    byId(m).hidden = m !== mode;
  }
  if (mode === 'path') void mountPath(byId('path'), openInExplore, () => setMode('quiz'));
  if (mode === 'quiz' && !quizStarted) {
    quizStarted = true;
    void nextQuestion(byId('quiz'), openInExplore);
  }
}

function openInExplore(id: string): void {
  setMode('explore');
  void openScenario(id);
}

const modes = document.querySelector<HTMLElement>('.modes')!;
for (const m of MODES) byId(`mode-${m}`).addEventListener('click', () => setMode(m));
tablistKeys(modes, (tab) => setMode(tab.id.replace(/^mode-/, '') as Mode));
initScore();
void mountExplore(byId('explore'));
