/**
 * Reel's demo catalog: the Blender open movies (CC BY), with their real years, directors and running
 * times, so a newcomer's `npm start` shows a believable service. Media arrives with the transcoder.
 */
export type DemoVideo = {
  slug: string;
  title: string;
  year: number;
  director: string;
  durationS: number;
  ageRating: 0 | 7 | 12 | 16 | 18;
  genres: string[];
  description: string;
  channel: 'originals' | 'shorts';
  popularity: number;
};

export const DEMO_GENRES = [
  ['animation', 'Animation'],
  ['comedy', 'Comedy'],
  ['drama', 'Drama'],
  ['fantasy', 'Fantasy'],
  ['sci-fi', 'Science fiction'],
  ['family', 'Family'],
  ['action', 'Action'],
] as const;

export const DEMO_ACCOUNTS = [
  { key: 'admin', email: 'admin@reel.localhost', displayName: 'Reel Admin', role: 'admin' },
  { key: 'creator', email: 'creator@reel.localhost', displayName: 'Blender Studio', role: 'creator' },
  { key: 'viewer', email: 'viewer@reel.localhost', displayName: 'Alex', role: 'viewer' },
] as const;

export const DEMO_CHANNELS = [
  {
    key: 'originals',
    handle: 'blender-studio',
    name: 'Blender Studio',
    description: 'Open movies, made in the open.',
  },
  {
    key: 'shorts',
    handle: 'open-shorts',
    name: 'Open Shorts',
    description: 'Short films under free licences.',
  },
] as const;

export const DEMO_VIDEOS: DemoVideo[] = [
  {
    slug: 'big-buck-bunny',
    title: 'Big Buck Bunny',
    year: 2008,
    director: 'Sacha Goedegebure',
    durationS: 596,
    ageRating: 0,
    genres: ['animation', 'comedy', 'family'],
    description: 'A giant rabbit takes gentle revenge on three bullying rodents.',
    channel: 'originals',
    popularity: 90,
  },
  {
    slug: 'elephants-dream',
    title: 'Elephants Dream',
    year: 2006,
    director: 'Bassam Kurdali',
    durationS: 654,
    ageRating: 12,
    genres: ['animation', 'sci-fi'],
    description: 'Two men explore the endless, unstable machine they live in.',
    channel: 'originals',
    popularity: 40,
  },
  {
    slug: 'sintel',
    title: 'Sintel',
    year: 2010,
    director: 'Colin Levy',
    durationS: 888,
    ageRating: 12,
    genres: ['animation', 'fantasy', 'drama'],
    description: 'A lonely girl searches the world for the baby dragon she raised.',
    channel: 'originals',
    popularity: 85,
  },
  {
    slug: 'tears-of-steel',
    title: 'Tears of Steel',
    year: 2012,
    director: 'Ian Hubert',
    durationS: 734,
    ageRating: 12,
    genres: ['sci-fi', 'action'],
    description: 'Warriors and scientists in Amsterdam try to rescue the world from robots.',
    channel: 'originals',
    popularity: 70,
  },
  {
    slug: 'cosmos-laundromat',
    title: 'Cosmos Laundromat',
    year: 2015,
    director: 'Mathieu Auvray',
    durationS: 728,
    ageRating: 16,
    genres: ['animation', 'fantasy', 'drama'],
    description: 'A suicidal sheep is offered a lifetime of second chances.',
    channel: 'originals',
    popularity: 60,
  },
  {
    slug: 'spring',
    title: 'Spring',
    year: 2019,
    director: 'Andy Goralczyk',
    durationS: 464,
    ageRating: 7,
    genres: ['animation', 'fantasy'],
    description: 'A shepherd girl and her dog face ancient spirits to continue the cycle of life.',
    channel: 'originals',
    popularity: 55,
  },
  {
    slug: 'agent-327',
    title: 'Agent 327: Operation Barbershop',
    year: 2017,
    director: 'Colin Levy',
    durationS: 231,
    ageRating: 12,
    genres: ['animation', 'action', 'comedy'],
    description: 'A secret agent goes undercover in a barbershop with a deadly secret.',
    channel: 'originals',
    popularity: 75,
  },
  {
    slug: 'glass-half',
    title: 'Glass Half',
    year: 2015,
    director: 'Beorn Leonard',
    durationS: 185,
    ageRating: 0,
    genres: ['animation', 'comedy'],
    description: 'Two art critics argue in a gallery about what art is.',
    channel: 'shorts',
    popularity: 30,
  },
  {
    slug: 'hero',
    title: 'Hero',
    year: 2018,
    director: 'Hjalti Hjálmarsson',
    durationS: 237,
    ageRating: 7,
    genres: ['animation', 'action'],
    description: 'A showcase short for grease-pencil animation, with a sword fight.',
    channel: 'shorts',
    popularity: 35,
  },
  {
    slug: 'coffee-run',
    title: 'Coffee Run',
    year: 2020,
    director: 'Hjalti Hjálmarsson',
    durationS: 184,
    ageRating: 7,
    genres: ['animation', 'comedy'],
    description: 'Fueled by caffeine, a young woman runs through her bittersweet memories.',
    channel: 'shorts',
    popularity: 45,
  },
  {
    slug: 'sprite-fright',
    title: 'Sprite Fright',
    year: 2021,
    director: 'Matthew Luhn',
    durationS: 629,
    ageRating: 16,
    genres: ['animation', 'comedy'],
    description: 'Teenagers on a forest trip meet mushroom sprites with a grudge.',
    channel: 'shorts',
    popularity: 65,
  },
  {
    slug: 'charge',
    title: 'Charge',
    year: 2022,
    director: 'Hjalti Hjálmarsson',
    durationS: 234,
    ageRating: 12,
    genres: ['action', 'sci-fi'],
    description: 'In a dystopian future an old man breaks into a battery factory.',
    channel: 'shorts',
    popularity: 50,
  },
];

/** A series with episodes: Caminandes (Pablo Vazquez), three short episodes about Koro the llama. */
export const DEMO_SERIES = {
  slug: 'caminandes',
  title: 'Caminandes',
  description: 'Koro the llama faces the obstacles of Patagonia, one fence at a time.',
  ageRating: 0,
  year: 2013,
  episodes: [
    { slug: 'caminandes-1', title: 'Llama Drama', year: 2013, durationS: 90 },
    { slug: 'caminandes-2', title: 'Gran Dillama', year: 2013, durationS: 146 },
    { slug: 'caminandes-3', title: 'Llamigos', year: 2016, durationS: 150 },
  ],
} as const;
