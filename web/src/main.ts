/** The trainer page: Explore and Quiz modes (web/index.html). */
import { byId, tablistKeys } from './dom.ts';
import { mountExplore, openScenario } from './explore.ts';
import { initScore, nextQuestion } from './quiz.ts';

let quizStarted = false;

function setMode(mode: 'explore' | 'quiz'): void {
  for (const m of ['explore', 'quiz'] as const) {
    const tab = byId(`mode-${m}`);
    tab.setAttribute('aria-selected', m === mode ? 'true' : 'false');
    tab.tabIndex = m === mode ? 0 : -1;
    byId(m).hidden = m !== mode;
  }
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
byId('mode-explore').addEventListener('click', () => setMode('explore'));
byId('mode-quiz').addEventListener('click', () => setMode('quiz'));
tablistKeys(modes, (tab) => setMode(tab.id === 'mode-quiz' ? 'quiz' : 'explore'));
initScore();
void mountExplore(byId('explore'));
