/** Names, departments and mail domains the generated directories are made of (deterministic, varied, with diacritics). */
export const GIVEN = [
  'Ada',
  'Barbara',
  'Chen',
  'Dmitri',
  'Émile',
  'Fatima',
  'Grace',
  'Hiro',
  'Ines',
  'José',
  'Kofi',
  'Lena',
];
export const FAMILY = [
  'Lovelace',
  'Liskov',
  'Wei',
  'Ivanov',
  'Zola',
  'Khan',
  'Hopper',
  'Tanaka',
  'Duarte',
  'Núñez',
  'Mensah',
  'Berg',
];
export const DEPARTMENTS = ['Engineering', 'Sales', 'Finance', 'Support', 'Legal', 'Research'];
export const DOMAINS = ['example.com', 'example.org', 'corp.example.net'];
