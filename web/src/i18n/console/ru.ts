import type { ConsoleMessages } from './en';

export const consoleShell: ConsoleMessages = {
  title: 'Консоль организатора',
  navigation: 'Консоль',
  editionNavigation: 'Этот сезон',
  sections: {
    editions: 'Сезоны',
    people: 'Люди',
    audit: 'Журнал аудита',
    mail: 'Почта',
  },
  editionSections: {
    overview: 'Обзор',
    categories: 'Номинации',
    companies: 'Компании',
    nominations: 'Заявки',
    jury: 'Жюри',
    rounds: 'Туры',
    progress: 'Ход оценки',
    results: 'Итоги',
    publication: 'Публикация',
  },
  phase: 'Этап: {phase}',
  phases: {
    draft: 'Черновик',
    nominations: 'Приём заявок',
    eligibility: 'Проверка заявок',
    judging: 'Оценка',
    tallying: 'Подсчёт',
    results_ready: 'Итоги готовы',
    published: 'Опубликовано',
    archived: 'В архиве',
  },
};
