/*
 * The demo's cast: invented logistics companies on the Middle Corridor and their projects, written the way
 * real nominations read. Every name, figure and registration number is made up.
 */

export type CategoryCode = 'efficiency' | 'sustainability' | 'fairness' | 'digitalisation';

export interface DemoNomination {
  category: CategoryCode;
  title: string;
  summary: string;
  /** Question code → answer (the standard categories' two questions each). */
  answers: Record<string, string>;
  metrics: { name: string; value: number; unit: string }[];
  /** 0–10: how strong the jury finds it (scores are drawn around it). */
  quality: number;
}

export interface DemoCompany {
  name: string;
  city: string;
  country: string;
  registrationNumber: string;
  website: string;
  contact: { fullName: string; email: string; locale: 'en' | 'ru' | 'kk' | 'de' };
  /** Last year's nomination (published) and this year's (in judging). */
  lastYear: DemoNomination;
  thisYear: DemoNomination;
}

export const DEMO_PASSWORD = 'Magistral-Demo-Caravan-2026';
export const DEMO_ORGANISER = { email: 'organiser@demo.magistral.example', fullName: 'Dana Seitkali' };

export const DEMO_JURORS = [
  { email: 'gulnara.abenova@demo.magistral.example', fullName: 'Gulnara Abenova', locale: 'ru' as const },
  { email: 'thomas.reinholt@demo.magistral.example', fullName: 'Thomas Reinholt', locale: 'de' as const },
  { email: 'nino.beridze@demo.magistral.example', fullName: 'Nino Beridze', locale: 'en' as const },
  { email: 'rustam.karimov@demo.magistral.example', fullName: 'Rustam Karimov', locale: 'ru' as const },
  { email: 'ayse.demirtas@demo.magistral.example', fullName: 'Ayşe Demirtaş', locale: 'en' as const },
];

export const EDITIONS = {
  lastYear: { slug: 'magistral-awards-2025', name: 'Magistral Awards 2025' },
  thisYear: { slug: 'magistral-awards-2026', name: 'Magistral Awards 2026' },
  /** A second call of this year's award, still open: the demo entrant's draft waits there. */
  specialPrize: {
    slug: 'magistral-awards-2026-corridor-resilience',
    name: 'Magistral Awards 2026 · Special Prize for Corridor Resilience',
  },
} as const;

export const DEMO_COMPANIES: DemoCompany[] = [
  {
    name: 'Steppe Rail Logistics',
    city: 'Almaty',
    country: 'KZ',
    registrationNumber: '180840021457',
    website: 'https://steppe-rail.example.kz',
    contact: { fullName: 'Aigerim Nurlanova', email: 'entrant@demo.magistral.example', locale: 'kk' },
    lastYear: {
      category: 'efficiency',
      title: 'Block trains Almaty–Duisburg in 14 days',
      summary:
        'A fixed weekly block-train timetable from Almaty to Duisburg via the Caspian crossing, with pre-booked ferry slots in Aktau and Baku and joint customs pre-declaration.',
      answers: {
        baseline:
          'In 2023 our containers took 24 days on average from Almaty to Duisburg, with a spread of 9 days; we measured gate-in to gate-out on 412 containers.',
        results:
          'Since March 2025 the same route takes 14 days on average (spread 3 days) on 38 departures; 96 % of trains left on the scheduled day.',
      },
      metrics: [
        { name: 'Average transit time', value: 14, unit: 'days' },
        { name: 'Departures on schedule', value: 96, unit: '%' },
      ],
      quality: 8.4,
    },
    thisYear: {
      category: 'efficiency',
      title: 'Khorgos dry port transhipment in under 6 hours',
      summary:
        'Gauge-change transhipment at the Khorgos dry port reorganised around a single yard plan shared with Chinese and Kazakh railways, with two extra gantry cranes and night shifts.',
      answers: {
        baseline:
          'Trains waited 31 hours on average at Khorgos in 2024 between arrival on the 1,435 mm side and departure on the 1,520 mm side.',
        results:
          'From February to October 2026 the average dwell time was 5.8 hours over 1,940 trains; the terminal handled 18 % more TEU with the same track.',
      },
      metrics: [
        { name: 'Average dwell time', value: 5.8, unit: 'hours' },
        { name: 'Throughput increase', value: 18, unit: '%' },
      ],
      quality: 8.8,
    },
  },
  {
    name: 'Caspian Ferry Lines',
    city: 'Baku',
    country: 'AZ',
    registrationNumber: '1402876531',
    website: 'https://caspian-ferry.example.az',
    contact: { fullName: 'Elvin Mammadov', email: 'elvin.mammadov@caspian-ferry.example', locale: 'en' },
    lastYear: {
      category: 'sustainability',
      title: 'Shore power for ferries at Alat port',
      summary:
        'Ro-ro ferries berthed at Port of Baku (Alat) switch off their auxiliary engines and draw 6.6 kV shore power from the grid.',
      answers: {
        measurement:
          'Fuel burnt at berth is metered per vessel; emissions follow the IMO fuel-based method, compared with the 2023 baseline of the same five vessels.',
        verification: 'Figures were verified by an accredited third party (ISO 14064-3) in December 2025.',
      },
      metrics: [
        { name: 'CO₂ avoided at berth', value: 3120, unit: 't/year' },
        { name: 'Calls on shore power', value: 88, unit: '%' },
      ],
      quality: 7.6,
    },
    thisYear: {
      category: 'digitalisation',
      title: 'One booking window for the Caspian crossing',
      summary:
        'A shared slot-booking platform for ferries between Aktau, Kuryk and Alat: forwarders book rail wagons and ferry space in one request and see the queue in real time.',
      answers: {
        systems:
          'A booking service with open APIs to the railways of Kazakhstan and Azerbaijan and to the port community systems of Aktau and Alat.',
        adoption:
          '146 forwarders use it; 81 % of wagons crossing the Caspian in 2026 were booked through it, up from none in 2024.',
      },
      metrics: [
        { name: 'Wagons booked online', value: 81, unit: '%' },
        { name: 'Average wait at port', value: 2.1, unit: 'days' },
      ],
      quality: 8.1,
    },
  },
  {
    name: 'Silk Corridor Freight',
    city: 'Tashkent',
    country: 'UZ',
    registrationNumber: '305118742',
    website: 'https://silk-corridor.example.uz',
    contact: { fullName: 'Dilshod Yusupov', email: 'dilshod.yusupov@silk-corridor.example', locale: 'ru' },
    lastYear: {
      category: 'digitalisation',
      title: 'Digital CMR e-consignment on Uzbek road transit',
      summary:
        'Roll-out of electronic CMR (e-CMR) consignment notes for our road fleet and subcontractors between Tashkent, Almaty and Istanbul.',
      answers: {
        systems:
          'An e-CMR app for drivers and shippers following the UN/CEFACT e-CMR protocol, signed on the driver’s phone and linked to our TMS.',
        adoption:
          '2,340 consignments a month go paperless; 62 subcontracting hauliers joined in the first nine months.',
      },
      metrics: [
        { name: 'Consignments on e-CMR', value: 74, unit: '%' },
        { name: 'Invoice cycle', value: 3, unit: 'days' },
      ],
      quality: 7.9,
    },
    thisYear: {
      category: 'fairness',
      title: 'Rest stops and fair pay for long-haul drivers',
      summary:
        'Guaranteed paid rest at five secure parking areas between Tashkent and the Turkish border, a published pay scale and a driver hotline run by an independent ombudsperson.',
      answers: {
        beneficiaries: '430 employed drivers and about 900 drivers of subcontracting hauliers.',
        policies:
          'A written driver charter (pay scale, rest, grievances) annexed to every subcontract since January 2026.',
      },
      metrics: [
        { name: 'Drivers covered', value: 1330, unit: 'people' },
        { name: 'Driver turnover', value: 11, unit: '%' },
      ],
      quality: 7.2,
    },
  },
  {
    name: 'Tbilisi Urban Delivery',
    city: 'Tbilisi',
    country: 'GE',
    registrationNumber: '405512873',
    website: 'https://tbilisi-urban.example.ge',
    contact: { fullName: 'Nika Lomidze', email: 'nika.lomidze@tbilisi-urban.example', locale: 'en' },
    lastYear: {
      category: 'fairness',
      title: 'Women behind the wheel',
      summary:
        'A paid training programme that brought women into van and cargo-bike delivery in Tbilisi, with childcare vouchers and daytime-only shifts.',
      answers: {
        beneficiaries: '64 women trained, 51 now employed as couriers or dispatchers.',
        policies: 'Equal pay audit published twice a year; flexible shift planning for parents.',
      },
      metrics: [{ name: 'Women among couriers', value: 27, unit: '%' }],
      quality: 7.4,
    },
    thisYear: {
      category: 'sustainability',
      title: 'Electric last-mile fleet in Tbilisi',
      summary:
        'Replacement of 120 diesel vans by electric vans and cargo bikes for parcel delivery in central Tbilisi, charged at two depots with rooftop solar.',
      answers: {
        measurement:
          'Energy and fuel per vehicle are logged by telematics; CO₂ follows the GLEC framework against the 2024 diesel fleet.',
        verification: 'Data reviewed by the Tbilisi City Hall mobility office; audit planned for 2027.',
      },
      metrics: [
        { name: 'Electric share of deliveries', value: 86, unit: '%' },
        { name: 'CO₂ avoided', value: 1450, unit: 't/year' },
      ],
      quality: 8.6,
    },
  },
  {
    name: 'Anatolia Intermodal',
    city: 'Istanbul',
    country: 'TR',
    registrationNumber: '0123456789',
    website: 'https://anatolia-intermodal.example.com.tr',
    contact: { fullName: 'Mehmet Yıldız', email: 'mehmet.yildiz@anatolia-intermodal.example', locale: 'en' },
    lastYear: {
      category: 'sustainability',
      title: 'Road to rail between Istanbul and Kars',
      summary:
        'A twice-weekly intermodal train from Köseköy to Kars connecting to the Baku–Tbilisi–Kars line, replacing long-haul trucks.',
      answers: {
        measurement:
          'Truck-kilometres avoided per shipment, with GLEC default emission factors for both modes.',
        verification: 'Reviewed by our auditors as part of the 2025 sustainability report.',
      },
      metrics: [
        { name: 'Trucks taken off the road', value: 5200, unit: 'trips/year' },
        { name: 'CO₂ avoided', value: 9800, unit: 't/year' },
      ],
      quality: 8.7,
    },
    thisYear: {
      category: 'efficiency',
      title: 'Bosphorus-free transit via Marmaray night slots',
      summary:
        'Night freight slots through the Marmaray tunnel let European-bound containers cross Istanbul by rail without the road detour.',
      answers: {
        baseline:
          'In 2024 containers spent 19 hours crossing Istanbul by truck between the Asian and European terminals.',
        results: 'In 2026 the rail crossing takes 4 hours on average for 310 trains.',
      },
      metrics: [{ name: 'Crossing time', value: 4, unit: 'hours' }],
      quality: 7.8,
    },
  },
  {
    name: 'Xi’an Continental Express',
    city: 'Xi’an',
    country: 'CN',
    registrationNumber: '91610131MA6U4X2K8P',
    website: 'https://xian-continental.example.cn',
    contact: { fullName: 'Li Wei', email: 'li.wei@xian-continental.example', locale: 'en' },
    lastYear: {
      category: 'efficiency',
      title: 'Consolidated LCL trains from Xi’an',
      summary:
        'Less-than-container-load cargo from small exporters consolidated at the Xi’an International Port into full trains to Central Asia.',
      answers: {
        baseline: 'Small exporters waited up to three weeks for a full container in 2023.',
        results: 'Two consolidated departures a week since April 2025; average waiting time 4 days.',
      },
      metrics: [{ name: 'Waiting time for departure', value: 4, unit: 'days' }],
      quality: 7.1,
    },
    thisYear: {
      category: 'digitalisation',
      title: 'Container tracking from Xi’an to Baku',
      summary:
        'IoT seals with satellite fallback on 6,000 containers, feeding one tracking page shared with customers and customs along the route.',
      answers: {
        systems:
          'Smart seals, a tracking backend and APIs to three railways; events in the UN/CEFACT format.',
        adoption:
          'Used by 230 customers; customs in two countries accept the seal events as transit evidence.',
      },
      metrics: [
        { name: 'Containers tracked', value: 6000, unit: 'containers' },
        { name: 'Position updates', value: 15, unit: 'minutes' },
      ],
      quality: 8.3,
    },
  },
  {
    name: 'Hanse Eurasia Spedition',
    city: 'Hamburg',
    country: 'DE',
    registrationNumber: 'HRB 184512',
    website: 'https://hanse-eurasia.example.de',
    contact: { fullName: 'Katrin Vogel', email: 'katrin.vogel@hanse-eurasia.example', locale: 'de' },
    lastYear: {
      category: 'digitalisation',
      title: 'Paperless transit declarations NCTS Phase 5',
      summary:
        'Early migration of all our transit declarations to NCTS Phase 5, with guarantee management and automatic arrival notifications.',
      answers: {
        systems:
          'Our customs software connected to NCTS P5 and to partner forwarders in Georgia and Türkiye.',
        adoption: '100 % of 48,000 declarations a year filed electronically since June 2025.',
      },
      metrics: [{ name: 'Declarations filed electronically', value: 100, unit: '%' }],
      quality: 7.0,
    },
    thisYear: {
      category: 'fairness',
      title: 'Apprenticeships along the corridor',
      summary:
        'A dual apprenticeship in freight forwarding run jointly with partners in Almaty, Tbilisi and Baku, with exchange placements in Hamburg.',
      answers: {
        beneficiaries: '38 apprentices from four countries, 21 of them women.',
        policies: 'Same pay scale for all apprentices; a mentor for each placement; recognised chamber exam.',
      },
      metrics: [{ name: 'Apprentices', value: 38, unit: 'people' }],
      quality: 7.5,
    },
  },
  {
    name: 'Aktau Port Services',
    city: 'Aktau',
    country: 'KZ',
    registrationNumber: '150340009812',
    website: 'https://aktau-port.example.kz',
    contact: { fullName: 'Yerlan Tulegenov', email: 'yerlan.tulegenov@aktau-port.example', locale: 'ru' },
    lastYear: {
      category: 'fairness',
      title: 'Safe shifts on the quay',
      summary:
        'A safety programme for dock workers: fatigue-aware shift planning, new personal protective equipment and a no-blame incident reporting line.',
      answers: {
        beneficiaries: '720 dock workers and 140 contractors.',
        policies: 'Shift rules agreed with the trade union; incident reports reviewed monthly with workers.',
      },
      metrics: [{ name: 'Lost-time injuries', value: -62, unit: '%' }],
      quality: 8.2,
    },
    thisYear: {
      category: 'sustainability',
      title: 'Wind-powered container terminal in Aktau',
      summary:
        'A 12 MW wind farm under a power purchase agreement now covers the container terminal’s cranes and reefers.',
      answers: {
        measurement: 'Metered consumption against guarantees of origin, 15-minute intervals.',
        verification: 'Guarantees of origin issued by the national registry; external audit in 2026.',
      },
      metrics: [{ name: 'Terminal electricity from wind', value: 71, unit: '%' }],
      quality: 7.7,
    },
  },
  {
    name: 'Samarkand Agro Cold Chain',
    city: 'Samarkand',
    country: 'UZ',
    registrationNumber: '307654219',
    website: 'https://samarkand-cold.example.uz',
    contact: { fullName: 'Malika Rakhimova', email: 'malika.rakhimova@samarkand-cold.example', locale: 'ru' },
    lastYear: {
      category: 'sustainability',
      title: 'Solar cold stores for fruit exports',
      summary:
        'Three cold stores for cherries and apricots near Samarkand run on rooftop solar and ice batteries.',
      answers: {
        measurement:
          'Grid and solar energy metered per store; losses of produce weighed at intake and dispatch.',
        verification: 'Checked by the lending bank’s environmental consultant.',
      },
      metrics: [
        { name: 'Produce losses', value: 6, unit: '%' },
        { name: 'Solar share', value: 64, unit: '%' },
      ],
      quality: 7.3,
    },
    thisYear: {
      category: 'efficiency',
      title: 'Reefer trains Samarkand–Moscow–Warsaw',
      summary:
        'Dedicated reefer container trains for fresh fruit, with pre-cooling and remote temperature monitoring.',
      answers: {
        baseline: 'Trucks took 9 days to Warsaw in 2024 with 12 % of loads downgraded on arrival.',
        results: 'The train takes 7 days; 3 % of loads downgraded over the 2026 season.',
      },
      metrics: [{ name: 'Loads downgraded', value: 3, unit: '%' }],
      quality: 7.0,
    },
  },
  {
    name: 'Kartli Logistics Hub',
    city: 'Poti',
    country: 'GE',
    registrationNumber: '445789012',
    website: 'https://kartli-hub.example.ge',
    contact: { fullName: 'Tamar Kapanadze', email: 'tamar.kapanadze@kartli-hub.example', locale: 'en' },
    lastYear: {
      category: 'efficiency',
      title: 'Free-zone cross-docking in Poti',
      summary:
        'A cross-dock in the Poti free industrial zone that splits Black Sea containers for Armenia and Azerbaijan.',
      answers: {
        baseline: 'Containers waited 5 days at Poti for onward trucking in 2023.',
        results: 'Goods leave within 36 hours of vessel discharge for 88 % of shipments.',
      },
      metrics: [{ name: 'Time to onward dispatch', value: 36, unit: 'hours' }],
      quality: 7.7,
    },
    thisYear: {
      category: 'digitalisation',
      title: 'Port community system for Poti and Batumi',
      summary:
        'One port community system linking shipping lines, terminals, customs and railways at Poti and Batumi.',
      answers: {
        systems: 'A message hub with EDIFACT and JSON APIs, single sign-on for 400 organisations.',
        adoption: '92 % of import containers cleared through the system in 2026.',
      },
      metrics: [{ name: 'Containers cleared through the system', value: 92, unit: '%' }],
      quality: 7.9,
    },
  },
  {
    name: 'Ganja Agro Transit',
    city: 'Ganja',
    country: 'AZ',
    registrationNumber: '1800543217',
    website: 'https://ganja-transit.example.az',
    contact: { fullName: 'Leyla Huseynova', email: 'leyla.huseynova@ganja-transit.example', locale: 'en' },
    lastYear: {
      category: 'fairness',
      title: 'Farmers’ cooperative freight',
      summary:
        'Shared freight contracts that let 300 small farmers in western Azerbaijan export by rail at bulk rates.',
      answers: {
        beneficiaries: '300 farming households in the Ganja-Gazakh region.',
        policies: 'Open membership, published tariffs, cooperative board elected by members.',
      },
      metrics: [{ name: 'Freight cost per tonne', value: -28, unit: '%' }],
      quality: 6.9,
    },
    thisYear: {
      category: 'fairness',
      title: 'Accessible jobs in the Ganja warehouse',
      summary:
        'A warehouse redesigned with accessible workstations and pick-to-light so that people with disabilities work on equal terms.',
      answers: {
        beneficiaries: '34 employees with disabilities, 12 % of the warehouse staff.',
        policies: 'Reasonable adjustment policy, job coach and equal pay review.',
      },
      metrics: [{ name: 'Staff with disabilities', value: 12, unit: '%' }],
      quality: 7.9,
    },
  },
  {
    name: 'Mersin Gateway Shipping',
    city: 'Mersin',
    country: 'TR',
    registrationNumber: '0987654321',
    website: 'https://mersin-gateway.example.com.tr',
    contact: { fullName: 'Zeynep Aksoy', email: 'zeynep.aksoy@mersin-gateway.example', locale: 'en' },
    lastYear: {
      category: 'digitalisation',
      title: 'AI berth planning at Mersin',
      summary:
        'Berth and yard planning with machine-learning forecasts of vessel arrivals and truck gate-ins.',
      answers: {
        systems: 'A forecasting service on AIS data and gate history feeding the terminal operating system.',
        adoption: 'Planners use it for every berth window since May 2025.',
      },
      metrics: [{ name: 'Vessel waiting time', value: -35, unit: '%' }],
      quality: 7.6,
    },
    thisYear: {
      category: 'sustainability',
      title: 'Electric terminal tractors in Mersin',
      summary:
        'Forty electric terminal tractors replace diesel ones in the container yard, charged overnight from the port grid.',
      answers: {
        measurement: 'Diesel and electricity per move from the equipment control system.',
        verification: 'Verified within the port’s ISO 50001 energy audit.',
      },
      metrics: [{ name: 'CO₂ per container move', value: -41, unit: '%' }],
      quality: 7.4,
    },
  },
];

/** Text in the four languages of the platform (category names, descriptions, questions). */
interface Localized {
  en: string;
  ru: string;
  kk: string;
  de: string;
}

export interface DemoCategory {
  code: string;
  name: Localized;
  description: Localized;
  questions: { code: string; prompt: Localized; required: boolean; maxLength: number }[];
  criteria: { code: string; weight: string; name: Localized; description: Localized }[];
}

/**
 * The special prize's single category, in place of the four standard ones: a late call that many awards
 * open mid-season for what the year brought (here the Caspian storms of early 2026), judged on its own
 * criteria. It is open for nominations while the main edition is judged, as a real install would be.
 */
export const SPECIAL_PRIZE_CATEGORY: DemoCategory = {
  code: 'corridor_resilience',
  name: {
    en: 'Corridor Resilience',
    ru: 'Бесперебойность коридора',
    kk: 'Дәліздің үздіксіздігі',
    de: 'Resilienz des Korridors',
  },
  description: {
    en: 'Projects that kept cargo moving along the Middle Corridor through a disruption — a border closure, storms on the Caspian, a rail outage or a sudden surge in demand — and left the route better prepared for the next one.',
    ru: 'Проекты, благодаря которым грузы продолжали идти по Среднему коридору несмотря на сбой — закрытие границы, шторм на Каспии, аварию на железной дороге или резкий рост спроса, — и которые подготовили маршрут к следующим испытаниям.',
    kk: 'Шекараның жабылуы, Каспийдегі дауыл, темір жолдағы апат немесе сұраныстың кенет өсуі сияқты іркіліске қарамастан жүктердің Орта дәліз бойымен жүруін қамтамасыз еткен және бағытты келесі сынақтарға дайындаған жобалар.',
    de: 'Projekte, die den Güterverkehr auf dem Mittleren Korridor trotz einer Störung am Laufen hielten – einer Grenzschließung, Stürmen auf dem Kaspischen Meer, eines Ausfalls auf der Schiene oder einer plötzlichen Nachfragespitze – und die Route für die nächste Krise besser gerüstet haben.',
  },
  questions: [
    {
      code: 'disruption',
      prompt: {
        en: 'Which disruption did you face, when, and what did it cost your customers before you acted?',
        ru: 'С каким сбоем вы столкнулись, когда, и во что он обошёлся вашим клиентам, пока вы не приняли меры?',
        kk: 'Қандай іркіліске қашан тап болдыңыз және сіз шара қолданғанға дейін ол клиенттеріңізге қандай шығын әкелді?',
        de: 'Welche Störung trat wann auf, und was hat sie Ihre Kunden gekostet, bevor Sie gehandelt haben?',
      },
      required: true,
      maxLength: 2000,
    },
    {
      code: 'response',
      prompt: {
        en: 'What did you change, and how quickly was cargo moving again? Give measured figures.',
        ru: 'Что вы изменили и как быстро грузы снова пошли? Приведите измеренные показатели.',
        kk: 'Сіз нені өзгерттіңіз және жүктер қаншалықты тез қайта жүре бастады? Өлшенген көрсеткіштерді келтіріңіз.',
        de: 'Was haben Sie geändert, und wie schnell lief die Fracht wieder? Nennen Sie gemessene Werte.',
      },
      required: true,
      maxLength: 2000,
    },
    {
      code: 'preparedness',
      prompt: {
        en: 'How is the route prepared for the next disruption (plans, drills, agreements with partners)?',
        ru: 'Как маршрут подготовлен к следующему сбою (планы, учения, соглашения с партнёрами)?',
        kk: 'Бағыт келесі іркіліске қалай дайындалған (жоспарлар, жаттығулар, серіктестермен келісімдер)?',
        de: 'Wie ist die Route auf die nächste Störung vorbereitet (Pläne, Übungen, Vereinbarungen mit Partnern)?',
      },
      required: false,
      maxLength: 2000,
    },
  ],
  criteria: [
    {
      code: 'recovery_time',
      weight: '1.5',
      name: {
        en: 'Recovery time',
        ru: 'Время восстановления',
        kk: 'Қалпына келу уақыты',
        de: 'Wiederanlaufzeit',
      },
      description: {
        en: 'How quickly cargo was moving again after the disruption, measured against the stated baseline.',
        ru: 'Как быстро после сбоя возобновилось движение грузов по сравнению с заявленным исходным уровнем.',
        kk: 'Іркілістен кейін жүк қозғалысы көрсетілген бастапқы деңгеймен салыстырғанда қаншалықты тез қалпына келді.',
        de: 'Wie schnell die Fracht nach der Störung wieder lief, gemessen am angegebenen Ausgangswert.',
      },
    },
    {
      code: 'continuity',
      weight: '1',
      name: {
        en: 'Continuity of service',
        ru: 'Непрерывность обслуживания',
        kk: 'Қызмет көрсетудің үздіксіздігі',
        de: 'Kontinuität der Leistung',
      },
      description: {
        en: 'The share of shipments delivered as promised during the disruption, and how customers were kept informed.',
        ru: 'Доля отправок, доставленных в обещанный срок во время сбоя, и то, как клиентов держали в курсе.',
        kk: 'Іркіліс кезінде уәде етілген мерзімде жеткізілген жөнелтілімдердің үлесі және клиенттерге ақпарат қалай берілгені.',
        de: 'Der Anteil der Sendungen, die während der Störung wie zugesagt geliefert wurden, und wie die Kunden informiert wurden.',
      },
    },
    {
      code: 'preparedness',
      weight: '1',
      name: {
        en: 'Preparedness for the next disruption',
        ru: 'Готовность к следующему сбою',
        kk: 'Келесі іркіліске дайындық',
        de: 'Vorbereitung auf die nächste Störung',
      },
      description: {
        en: 'Lasting changes — contingency plans, alternative routes, agreements with partners — that make the corridor more robust.',
        ru: 'Долговременные изменения — планы на случай сбоев, альтернативные маршруты, соглашения с партнёрами, — которые делают коридор надёжнее.',
        kk: 'Дәлізді сенімдірек ететін ұзақ мерзімді өзгерістер: іркіліс жағдайына арналған жоспарлар, балама бағыттар, серіктестермен келісімдер.',
        de: 'Dauerhafte Änderungen – Notfallpläne, Ausweichrouten, Vereinbarungen mit Partnern –, die den Korridor widerstandsfähiger machen.',
      },
    },
  ],
};

/** A nomination for the special prize: its answers follow SPECIAL_PRIZE_CATEGORY's questions. */
export type SpecialPrizeNomination = Omit<DemoNomination, 'category' | 'quality'>;

/**
 * The demo entrant's draft for the special prize (DEMO_COMPANIES[0]): the two required answers and two
 * metrics written, the optional question still empty; complete enough to submit, open to edit.
 */
export const DEMO_DRAFT: SpecialPrizeNomination = {
  title: 'Rerouting Caspian block trains through Kuryk during the February storms',
  summary:
    'When storms halted the Aktau–Baku ferries for eleven days in February 2026, we moved our weekly block trains to the Kuryk ferry berth, agreed priority loading with the port and the Azerbaijani ferry operator, and kept customers informed every six hours.',
  answers: {
    disruption:
      'From 3 to 14 February 2026 no ferry left Aktau: 27 of our trains (1,180 containers) were stuck on the Kazakh shore. In the 2024 storm season a comparable stoppage cost our customers an average of 16 extra days per container, and 14 % of reefer loads were written off.',
    response:
      'On day two we shifted departures to Kuryk, 80 km south, and negotiated two guaranteed slots a day on the ro-ro vessels still sailing from there. The first rerouted train crossed on day four; the backlog was cleared by day nine. Containers were delayed by 5.5 days on average instead of 16, and no reefer load was lost.',
  },
  metrics: [
    { name: 'Average delay per container', value: 5.5, unit: 'days' },
    { name: 'Trains rerouted via Kuryk', value: 27, unit: 'trains' },
  ],
};

/** What the draft's optional answer might say once the entrant finishes it (the demo's test writes it). */
export const DEMO_DRAFT_PREPAREDNESS =
  'A standing agreement with the Kuryk port operator gives us two ferry slots a day whenever Aktau closes for more than 24 hours; the rerouting plan is rehearsed with dispatchers every autumn.';

/** Other entrants' nominations, already submitted to the special prize (by index in DEMO_COMPANIES). */
export const SPECIAL_PRIZE_ENTRIES: { company: number; nomination: SpecialPrizeNomination }[] = [
  {
    company: 1,
    nomination: {
      title: 'Night sailings from Alat to clear the storm backlog',
      summary:
        'After the February storms we ran extra night sailings from Alat with crews on rotating shifts and a live queue shared with the railways on both shores.',
      answers: {
        disruption:
          'Eleven days without sailings left 2,400 wagons waiting at the ports of the crossing; forwarders had no view of when their wagons would sail.',
        response:
          'Fourteen extra night sailings over ten days cleared the backlog; every forwarder saw their place in the queue online, updated hourly.',
        preparedness:
          'A storm protocol agreed with both railways sets who sails first after a stoppage: perishables, then by waiting time.',
      },
      metrics: [
        { name: 'Days to clear the backlog', value: 10, unit: 'days' },
        { name: 'Extra night sailings', value: 14, unit: 'sailings' },
      ],
    },
  },
  {
    company: 4,
    nomination: {
      title: 'Kars–Tbilisi rail bypass during the Sarp border closure',
      summary:
        'When the Sarp road border closed for repairs, we moved truck cargo bound for Georgia onto rail via Kars and the Baku–Tbilisi–Kars line within a week.',
      answers: {
        disruption:
          'The road crossing at Sarp closed for 23 days in May 2026; trucks queued for up to six days at the alternative crossing at Türkgözü.',
        response:
          'Within seven days we booked three extra weekly trains from Kars; 1,650 trailer loads went by rail, arriving on average 2 days after loading instead of 6.',
      },
      metrics: [{ name: 'Trailer loads moved to rail', value: 1650, unit: 'loads' }],
    },
  },
  {
    company: 9,
    nomination: {
      title: 'Backup rail yard at Kulevi for Poti congestion',
      summary:
        'A standby yard agreement with the Kulevi terminal absorbed container overflow when a surge of transit cargo congested Poti in spring 2026.',
      answers: {
        disruption:
          'Transit volumes through Poti rose 40 % in March 2026; vessels waited up to nine days for a berth and containers up to twelve days for a wagon.',
        response:
          'Overflow containers were trucked 30 km to Kulevi and railed from there; vessel waiting fell to two days within three weeks.',
        preparedness:
          'The standby agreement is renewed yearly and triggered automatically when yard occupancy in Poti passes 85 %.',
      },
      metrics: [
        { name: 'Vessel waiting time', value: 2, unit: 'days' },
        { name: 'Containers handled at Kulevi', value: 8300, unit: 'containers' },
      ],
    },
  },
];
