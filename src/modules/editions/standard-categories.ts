import type { CategoryQuestion, LocalizedText } from './entities/category.entity.js';

export interface StandardCriterion {
  code: string;
  name: LocalizedText;
  description: LocalizedText;
  /** Exact decimal, as stored in numeric(9,4). */
  weight: string;
}

export interface StandardCategory {
  code: string;
  name: LocalizedText;
  description: LocalizedText;
  questions: CategoryQuestion[];
  criteria: StandardCriterion[];
}

/**
 * The four prizes every new edition starts with, as the Magistral Awards have run them since 2023.
 * Organisers adapt them per edition until judging opens; this catalogue is only the starting point, so
 * changing it never touches existing editions. Weights favour each category's headline outcome.
 */
export const STANDARD_CATEGORIES: readonly StandardCategory[] = [
  {
    code: 'efficiency',
    name: { en: 'Efficiency', ru: 'Эффективность', kk: 'Тиімділік', de: 'Effizienz' },
    description: {
      en: 'Projects that move goods along Eurasian routes faster, cheaper and more reliably.',
      ru: 'Проекты, благодаря которым грузы движутся по евразийским маршрутам быстрее, дешевле и надёжнее.',
      kk: 'Жүктерді еуразиялық бағыттар бойынша жылдамырақ, арзанырақ және сенімдірек тасымалдауға мүмкіндік беретін жобалар.',
      de: 'Projekte, durch die Güter auf eurasischen Routen schneller, günstiger und zuverlässiger befördert werden.',
    },
    questions: [
      {
        code: 'baseline',
        prompt: {
          en: 'Describe the situation before the project and how you measured it.',
          ru: 'Опишите ситуацию до начала проекта и то, как вы её измеряли.',
          kk: 'Жоба басталғанға дейінгі жағдайды және оны қалай өлшегеніңізді сипаттаңыз.',
          de: 'Beschreiben Sie die Ausgangslage vor dem Projekt und wie Sie sie gemessen haben.',
        },
        required: true,
        maxLength: 2000,
      },
      {
        code: 'results',
        prompt: {
          en: 'Which measurable results has the project achieved so far?',
          ru: 'Каких измеримых результатов проект уже достиг?',
          kk: 'Жоба осы уақытқа дейін қандай өлшенетін нәтижелерге қол жеткізді?',
          de: 'Welche messbaren Ergebnisse hat das Projekt bisher erzielt?',
        },
        required: true,
        maxLength: 2000,
      },
    ],
    criteria: [
      {
        code: 'transit_time',
        weight: '1.5',
        name: {
          en: 'Transit time reduction',
          ru: 'Сокращение сроков транзита',
          kk: 'Транзит мерзімін қысқарту',
          de: 'Verkürzung der Transitzeit',
        },
        description: {
          en: 'How much the project shortens door-to-door or terminal-to-terminal transit times, measured against a stated baseline.',
          ru: 'Насколько проект сокращает сроки доставки «от двери до двери» или между терминалами по сравнению с заявленным исходным уровнем.',
          kk: 'Жоба есіктен есікке дейінгі немесе терминалдар арасындағы жеткізу мерзімін көрсетілген бастапқы деңгеймен салыстырғанда қаншалықты қысқартады.',
          de: 'Wie stark das Projekt die Transitzeit von Haus zu Haus oder von Terminal zu Terminal gegenüber einem angegebenen Ausgangswert verkürzt.',
        },
      },
      {
        code: 'cost_efficiency',
        weight: '1.5',
        name: {
          en: 'Cost efficiency',
          ru: 'Экономическая эффективность',
          kk: 'Шығын тиімділігі',
          de: 'Kosteneffizienz',
        },
        description: {
          en: 'Savings in cost per shipment, tonne-kilometre or container, and the return on the investment made.',
          ru: 'Экономия затрат на отправку, тонно-километр или контейнер и окупаемость вложенных средств.',
          kk: 'Бір жөнелтілімге, тонна-километрге немесе контейнерге шаққандағы шығындарды үнемдеу және салынған инвестицияның қайтарымы.',
          de: 'Kosteneinsparungen je Sendung, Tonnenkilometer oder Container sowie die Rendite der getätigten Investition.',
        },
      },
      {
        code: 'reliability',
        weight: '1',
        name: {
          en: 'Reliability and on-time delivery',
          ru: 'Надёжность и своевременность доставки',
          kk: 'Сенімділік және жеткізудің уақтылығы',
          de: 'Zuverlässigkeit und Termintreue',
        },
        description: {
          en: 'On-time performance, fewer delays, damage and losses, and predictable schedules for customers.',
          ru: 'Соблюдение сроков, сокращение задержек, повреждений и потерь, предсказуемые графики для клиентов.',
          kk: 'Мерзімдердің сақталуы, кідірістердің, бүлінулер мен жоғалтулардың азаюы, клиенттер үшін болжамды кестелер.',
          de: 'Pünktlichkeit, weniger Verspätungen, Schäden und Verluste sowie verlässliche Fahrpläne für die Kunden.',
        },
      },
      {
        code: 'asset_utilisation',
        weight: '1',
        name: {
          en: 'Asset and capacity utilisation',
          ru: 'Использование активов и мощностей',
          kk: 'Активтер мен қуаттарды пайдалану',
          de: 'Auslastung von Anlagen und Kapazitäten',
        },
        description: {
          en: 'Better use of wagons, vehicles, vessels, warehouses and terminal capacity, including fewer empty runs.',
          ru: 'Более эффективное использование вагонов, автомобилей, судов, складов и мощностей терминалов, в том числе сокращение порожних рейсов.',
          kk: 'Вагондарды, көлік құралдарын, кемелерді, қоймаларды және терминал қуаттарын тиімдірек пайдалану, соның ішінде бос жүрістерді азайту.',
          de: 'Bessere Auslastung von Waggons, Fahrzeugen, Schiffen, Lagern und Terminalkapazitäten, einschließlich weniger Leerfahrten.',
        },
      },
      {
        code: 'border_crossing',
        weight: '1',
        name: {
          en: 'Border and transhipment processes',
          ru: 'Пограничные и перевалочные процессы',
          kk: 'Шекара және қайта тиеу процестері',
          de: 'Grenz- und Umschlagprozesse',
        },
        description: {
          en: 'Faster customs clearance, border crossings and transhipment between track gauges and transport modes.',
          ru: 'Ускорение таможенного оформления, пересечения границ и перевалки между разными колеями и видами транспорта.',
          kk: 'Кедендік ресімдеуді, шекарадан өтуді және әртүрлі жол табандары мен көлік түрлері арасындағы қайта тиеуді жеделдету.',
          de: 'Schnellere Zollabfertigung, Grenzübertritte und Umschlag zwischen Spurweiten und Verkehrsträgern.',
        },
      },
    ],
  },
  {
    code: 'sustainability',
    name: { en: 'Sustainability', ru: 'Устойчивое развитие', kk: 'Тұрақты даму', de: 'Nachhaltigkeit' },
    description: {
      en: 'Projects that cut the environmental footprint of transport and logistics.',
      ru: 'Проекты, которые уменьшают воздействие транспорта и логистики на окружающую среду.',
      kk: 'Көлік пен логистиканың қоршаған ортаға әсерін азайтатын жобалар.',
      de: 'Projekte, die den ökologischen Fußabdruck von Transport und Logistik verringern.',
    },
    questions: [
      {
        code: 'measurement',
        prompt: {
          en: 'How did you measure the emissions avoided (method, scope, baseline)?',
          ru: 'Как вы измеряли предотвращённые выбросы (методика, охват, исходный уровень)?',
          kk: 'Болдырылмаған шығарындыларды қалай өлшедіңіз (әдістеме, қамту аясы, бастапқы деңгей)?',
          de: 'Wie haben Sie die vermiedenen Emissionen gemessen (Methode, Umfang, Ausgangswert)?',
        },
        required: true,
        maxLength: 2000,
      },
      {
        code: 'verification',
        prompt: {
          en: 'Which certifications or independent reviews confirm these figures?',
          ru: 'Какие сертификаты или независимые проверки подтверждают эти данные?',
          kk: 'Бұл деректерді қандай сертификаттар немесе тәуелсіз тексерулер растайды?',
          de: 'Welche Zertifizierungen oder unabhängigen Prüfungen bestätigen diese Zahlen?',
        },
        required: false,
        maxLength: 1000,
      },
    ],
    criteria: [
      {
        code: 'emissions_reduction',
        weight: '2',
        name: {
          en: 'Emissions reduction',
          ru: 'Сокращение выбросов',
          kk: 'Шығарындыларды азайту',
          de: 'Emissionsminderung',
        },
        description: {
          en: 'Verified reduction of greenhouse gas and pollutant emissions per unit of freight moved.',
          ru: 'Подтверждённое сокращение выбросов парниковых газов и загрязняющих веществ на единицу перевезённого груза.',
          kk: 'Тасымалданған жүк бірлігіне шаққанда парниктік газдар мен ластаушы заттар шығарындыларының расталған азаюы.',
          de: 'Nachgewiesene Minderung der Treibhausgas- und Schadstoffemissionen je beförderter Frachteinheit.',
        },
      },
      {
        code: 'energy_resources',
        weight: '1.5',
        name: {
          en: 'Energy and resource use',
          ru: 'Использование энергии и ресурсов',
          kk: 'Энергия мен ресурстарды пайдалану',
          de: 'Energie- und Ressourceneinsatz',
        },
        description: {
          en: 'Efficient use of fuel, electricity, water and materials, and the share of renewable energy.',
          ru: 'Рациональное использование топлива, электроэнергии, воды и материалов, доля возобновляемой энергии.',
          kk: 'Отынды, электр энергиясын, суды және материалдарды ұтымды пайдалану, жаңартылатын энергияның үлесі.',
          de: 'Sparsamer Einsatz von Kraftstoff, Strom, Wasser und Material sowie der Anteil erneuerbarer Energie.',
        },
      },
      {
        code: 'modal_shift',
        weight: '1.5',
        name: {
          en: 'Modal shift to rail and sea',
          ru: 'Переключение грузов на железную дорогу и море',
          kk: 'Жүктерді темір жол мен теңіз көлігіне ауыстыру',
          de: 'Verlagerung auf Schiene und See',
        },
        description: {
          en: 'Freight moved from road to rail, inland waterways or sea, and well-designed multimodal chains.',
          ru: 'Перевод грузов с автомобильного транспорта на железнодорожный, речной или морской и продуманные мультимодальные цепочки.',
          kk: 'Жүктерді автомобиль көлігінен темір жол, өзен немесе теңіз көлігіне ауыстыру және ойластырылған мультимодальды тізбектер.',
          de: 'Verlagerung von Fracht von der Straße auf Schiene, Binnenwasserstraße oder See sowie durchdachte multimodale Ketten.',
        },
      },
      {
        code: 'lasting_impact',
        weight: '1',
        name: {
          en: 'Lasting impact',
          ru: 'Долгосрочный эффект',
          kk: 'Ұзақ мерзімді әсер',
          de: 'Dauerhafte Wirkung',
        },
        description: {
          en: 'Whether the benefits last and can be repeated or scaled by others beyond the project itself.',
          ru: 'Насколько долговременны результаты и могут ли другие повторить или масштабировать их за пределами проекта.',
          kk: 'Нәтижелердің қаншалықты ұзаққа созылатыны және оларды басқалардың жобадан тыс қайталай немесе ауқымын кеңейте алатыны.',
          de: 'Ob die Wirkung von Dauer ist und von anderen über das Projekt hinaus wiederholt oder ausgeweitet werden kann.',
        },
      },
    ],
  },
  {
    code: 'fairness',
    name: { en: 'Fairness', ru: 'Справедливость', kk: 'Әділдік', de: 'Fairness' },
    description: {
      en: 'Projects that make logistics fairer and safer for the people who work in it and live along its routes.',
      ru: 'Проекты, которые делают логистику справедливее и безопаснее для тех, кто в ней работает и живёт вдоль её маршрутов.',
      kk: 'Логистиканы онда жұмыс істейтіндер мен оның бағыттары бойында тұратындар үшін әділірек әрі қауіпсізірек ететін жобалар.',
      de: 'Projekte, die die Logistik für die Menschen, die in ihr arbeiten und entlang ihrer Routen leben, gerechter und sicherer machen.',
    },
    questions: [
      {
        code: 'beneficiaries',
        prompt: {
          en: 'Who benefits from the project, and how?',
          ru: 'Кто получает пользу от проекта и каким образом?',
          kk: 'Жобадан кім пайда көреді және қалай?',
          de: 'Wer profitiert von dem Projekt und auf welche Weise?',
        },
        required: true,
        maxLength: 2000,
      },
      {
        code: 'policies',
        prompt: {
          en: 'Which policies, codes of conduct or audits govern these practices?',
          ru: 'Какие политики, кодексы поведения или аудиты регулируют эту практику?',
          kk: 'Бұл тәжірибені қандай саясаттар, мінез-құлық кодекстері немесе аудиттер реттейді?',
          de: 'Welche Richtlinien, Verhaltenskodizes oder Audits regeln diese Praktiken?',
        },
        required: false,
        maxLength: 1000,
      },
    ],
    criteria: [
      {
        code: 'working_conditions',
        weight: '1.5',
        name: {
          en: 'Working conditions and safety',
          ru: 'Условия и безопасность труда',
          kk: 'Еңбек жағдайлары мен қауіпсіздігі',
          de: 'Arbeitsbedingungen und Sicherheit',
        },
        description: {
          en: 'Safety, working and rest hours, pay and facilities for drivers, crews and warehouse staff.',
          ru: 'Безопасность, режим труда и отдыха, оплата и бытовые условия водителей, экипажей и складского персонала.',
          kk: 'Жүргізушілердің, экипаждардың және қойма қызметкерлерінің қауіпсіздігі, еңбек және демалыс режимі, жалақысы мен тұрмыстық жағдайлары.',
          de: 'Sicherheit, Arbeits- und Ruhezeiten, Bezahlung und Einrichtungen für Fahrer, Besatzungen und Lagerpersonal.',
        },
      },
      {
        code: 'inclusion',
        weight: '1',
        name: {
          en: 'Inclusion and equal opportunity',
          ru: 'Инклюзивность и равные возможности',
          kk: 'Инклюзивтілік және тең мүмкіндіктер',
          de: 'Inklusion und Chancengleichheit',
        },
        description: {
          en: 'Equal opportunity in hiring, training and promotion, including for women and people with disabilities.',
          ru: 'Равные возможности при найме, обучении и продвижении, в том числе для женщин и людей с инвалидностью.',
          kk: 'Жұмысқа қабылдауда, оқытуда және қызметте жоғарылатуда тең мүмкіндіктер, соның ішінде әйелдер мен мүмкіндігі шектеулі адамдар үшін.',
          de: 'Chancengleichheit bei Einstellung, Weiterbildung und Beförderung, auch für Frauen und Menschen mit Behinderung.',
        },
      },
      {
        code: 'transparency',
        weight: '1.5',
        name: {
          en: 'Transparency and integrity',
          ru: 'Прозрачность и добросовестность',
          kk: 'Ашықтық және адалдық',
          de: 'Transparenz und Integrität',
        },
        description: {
          en: 'Clear pricing, anti-corruption practice and honest reporting to customers, authorities and the public.',
          ru: 'Понятное ценообразование, противодействие коррупции и честная отчётность перед клиентами, государством и обществом.',
          kk: 'Түсінікті баға белгілеу, сыбайлас жемқорлыққа қарсы іс-қимыл және клиенттер, мемлекет пен қоғам алдындағы адал есептілік.',
          de: 'Nachvollziehbare Preise, Korruptionsbekämpfung und ehrliche Berichterstattung gegenüber Kunden, Behörden und Öffentlichkeit.',
        },
      },
      {
        code: 'partner_relations',
        weight: '1',
        name: {
          en: 'Fair dealing with partners and customers',
          ru: 'Честные отношения с партнёрами и клиентами',
          kk: 'Серіктестермен және клиенттермен адал қарым-қатынас',
          de: 'Fairer Umgang mit Partnern und Kunden',
        },
        description: {
          en: 'Fair contracts and payment terms for subcontractors, small carriers and customers.',
          ru: 'Справедливые договоры и условия оплаты для субподрядчиков, небольших перевозчиков и клиентов.',
          kk: 'Қосалқы мердігерлер, шағын тасымалдаушылар және клиенттер үшін әділ шарттар мен төлем талаптары.',
          de: 'Faire Verträge und Zahlungsbedingungen für Subunternehmer, kleine Frachtführer und Kunden.',
        },
      },
      {
        code: 'community',
        weight: '1',
        name: {
          en: 'Contribution to local communities',
          ru: 'Вклад в местные сообщества',
          kk: 'Жергілікті қауымдастықтарға қосқан үлес',
          de: 'Beitrag zu lokalen Gemeinschaften',
        },
        description: {
          en: 'Benefits for towns and regions along the route: jobs, skills, road safety and less noise.',
          ru: 'Польза для городов и регионов вдоль маршрута: рабочие места, навыки, безопасность дорожного движения, меньше шума.',
          kk: 'Бағыт бойындағы қалалар мен өңірлерге пайда: жұмыс орындары, дағдылар, жол қозғалысы қауіпсіздігі, шудың азаюы.',
          de: 'Nutzen für Städte und Regionen entlang der Route: Arbeitsplätze, Qualifikation, Verkehrssicherheit und weniger Lärm.',
        },
      },
    ],
  },
  {
    code: 'digitalisation',
    name: { en: 'Digitalisation', ru: 'Цифровизация', kk: 'Цифрландыру', de: 'Digitalisierung' },
    description: {
      en: 'Projects that use digital technology to make freight visible, paperless and easier to move across borders.',
      ru: 'Проекты, в которых цифровые технологии делают грузоперевозки прозрачными, безбумажными и упрощают пересечение границ.',
      kk: 'Цифрлық технологиялар арқылы жүк тасымалын ашық әрі қағазсыз ететін және шекарадан өтуді жеңілдететін жобалар.',
      de: 'Projekte, die Fracht mit digitaler Technik sichtbar und papierlos machen und den Grenzverkehr erleichtern.',
    },
    questions: [
      {
        code: 'systems',
        prompt: {
          en: 'Which systems and standards does the solution use or connect to (for example e-CMR, e-TIR, port community systems)?',
          ru: 'Какие системы и стандарты использует решение или с какими оно связано (например, e-CMR, e-TIR, портовые информационные системы)?',
          kk: 'Шешім қандай жүйелер мен стандарттарды пайдаланады немесе олармен байланысады (мысалы, e-CMR, e-TIR, порттық ақпараттық жүйелер)?',
          de: 'Welche Systeme und Standards nutzt die Lösung oder bindet sie an (zum Beispiel e-CMR, e-TIR, Port-Community-Systeme)?',
        },
        required: true,
        maxLength: 2000,
      },
      {
        code: 'adoption',
        prompt: {
          en: 'How many users, shipments or partners use the solution today?',
          ru: 'Сколько пользователей, отправок или партнёров использует решение сегодня?',
          kk: 'Бүгінде шешімді қанша пайдаланушы, жөнелтілім немесе серіктес пайдаланады?',
          de: 'Wie viele Nutzer, Sendungen oder Partner nutzen die Lösung heute?',
        },
        required: false,
        maxLength: 1000,
      },
    ],
    criteria: [
      {
        code: 'innovation',
        weight: '1.5',
        name: { en: 'Innovation', ru: 'Инновационность', kk: 'Инновациялық деңгей', de: 'Innovationsgrad' },
        description: {
          en: 'How new the solution is for the market and the region, and how well it fits the problem it solves.',
          ru: 'Насколько решение ново для рынка и региона и насколько хорошо оно отвечает решаемой задаче.',
          kk: 'Шешімнің нарық пен өңір үшін қаншалықты жаңа екені және ол шешетін мәселеге қаншалықты сай келетіні.',
          de: 'Wie neu die Lösung für den Markt und die Region ist und wie gut sie zum gelösten Problem passt.',
        },
      },
      {
        code: 'paperless',
        weight: '1',
        name: {
          en: 'Paperless documents',
          ru: 'Безбумажный документооборот',
          kk: 'Қағазсыз құжат айналымы',
          de: 'Papierlose Dokumente',
        },
        description: {
          en: 'Electronic consignment notes, e-CMR, e-TIR and other documents that replace paper along the chain.',
          ru: 'Электронные накладные, e-CMR, e-TIR и другие документы, заменяющие бумагу по всей цепочке.',
          kk: 'Тізбек бойы қағазды алмастыратын электрондық жүкқұжаттар, e-CMR, e-TIR және басқа құжаттар.',
          de: 'Elektronische Frachtbriefe, e-CMR, e-TIR und andere Dokumente, die entlang der Kette das Papier ersetzen.',
        },
      },
      {
        code: 'visibility',
        weight: '1',
        name: {
          en: 'Visibility and data sharing',
          ru: 'Прозрачность цепочки и обмен данными',
          kk: 'Тізбектің ашықтығы және деректер алмасу',
          de: 'Transparenz der Lieferkette und Datenaustausch',
        },
        description: {
          en: 'Real-time tracking and data shared between carriers, terminals, customs and customers.',
          ru: 'Отслеживание в реальном времени и обмен данными между перевозчиками, терминалами, таможней и клиентами.',
          kk: 'Нақты уақыт режимінде бақылау және тасымалдаушылар, терминалдар, кеден мен клиенттер арасында деректер алмасу.',
          de: 'Sendungsverfolgung in Echtzeit und Datenaustausch zwischen Frachtführern, Terminals, Zoll und Kunden.',
        },
      },
      {
        code: 'interoperability',
        weight: '1',
        name: {
          en: 'Scalability and interoperability',
          ru: 'Масштабируемость и совместимость',
          kk: 'Ауқымдылық және үйлесімділік',
          de: 'Skalierbarkeit und Interoperabilität',
        },
        description: {
          en: "Open standards and interfaces that let the solution grow and connect with partners' systems.",
          ru: 'Открытые стандарты и интерфейсы, позволяющие масштабировать решение и подключать к нему системы партнёров.',
          kk: 'Шешімнің ауқымын кеңейтуге және серіктестердің жүйелерімен байланыстыруға мүмкіндік беретін ашық стандарттар мен интерфейстер.',
          de: 'Offene Standards und Schnittstellen, mit denen die Lösung wachsen und sich mit den Systemen der Partner verbinden kann.',
        },
      },
      {
        code: 'data_security',
        weight: '1',
        name: {
          en: 'Data protection and cybersecurity',
          ru: 'Защита данных и кибербезопасность',
          kk: 'Деректерді қорғау және киберқауіпсіздік',
          de: 'Datenschutz und Cybersicherheit',
        },
        description: {
          en: 'Protection of personal and commercial data, and resilience against cyber attacks.',
          ru: 'Защита персональных и коммерческих данных и устойчивость к кибератакам.',
          kk: 'Дербес және коммерциялық деректерді қорғау және кибершабуылдарға төзімділік.',
          de: 'Schutz personenbezogener und geschäftlicher Daten sowie Widerstandsfähigkeit gegen Cyberangriffe.',
        },
      },
    ],
  },
];
