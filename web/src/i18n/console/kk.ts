import type { ConsoleMessages } from './en';

export const consoleShell: ConsoleMessages = {
  title: 'Ұйымдастырушы консолі',
  navigation: 'Консоль',
  editionNavigation: 'Осы маусым',
  sections: {
    editions: 'Маусымдар',
    people: 'Адамдар',
    audit: 'Аудит журналы',
    mail: 'Пошта',
  },
  editionSections: {
    overview: 'Шолу',
    categories: 'Санаттар',
    companies: 'Компаниялар',
    nominations: 'Өтінімдер',
    jury: 'Қазылар',
    rounds: 'Турлар',
    progress: 'Бағалау барысы',
    results: 'Нәтижелер',
    publication: 'Жариялау',
  },
  phase: 'Кезең: {phase}',
  phases: {
    draft: 'Жоба',
    nominations: 'Өтінімдер қабылдануда',
    eligibility: 'Өтінімдерді тексеру',
    judging: 'Бағалау',
    tallying: 'Есептеу',
    results_ready: 'Нәтижелер дайын',
    published: 'Жарияланды',
    archived: 'Мұрағатта',
  },
};
