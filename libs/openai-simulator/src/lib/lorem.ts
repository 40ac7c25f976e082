import { SeededRandom } from './seeded-random';

const WORDS = [
  'lorem', 'ipsum', 'dolor', 'sit', 'amet', 'consectetur', 'adipiscing', 'elit', 'sed', 'do', 'eiusmod',
  'tempor', 'incididunt', 'ut', 'labore', 'et', 'dolore', 'magna', 'aliqua', 'enim', 'ad', 'minim',
  'veniam', 'quis', 'nostrud', 'exercitation', 'ullamco', 'laboris', 'nisi', 'aliquip', 'ex', 'ea',
  'commodo', 'consequat', 'duis', 'aute', 'irure', 'in', 'reprehenderit', 'voluptate', 'velit', 'esse',
  'cillum', 'fugiat', 'nulla', 'pariatur', 'excepteur', 'sint', 'occaecat', 'cupidatat', 'non', 'proident',
] as const;

export function loremWords(random: SeededRandom, count: number): string {
  const words: string[] = [];
  for (let i = 0; i < count; i++) words.push(random.pick(WORDS));
  return words.join(' ');
}

/** A sentence-like answer: capitalised, ends with a period. */
export function loremSentence(random: SeededRandom, minWords: number, maxWords: number): string {
  const text = loremWords(random, random.int(minWords, maxWords));
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
