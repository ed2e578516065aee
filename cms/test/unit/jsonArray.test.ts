import { describe, expect, it } from 'vitest';

import { jsonArrayElementsOf, JsonArrayError } from '../../src/import/jsonArray';

const all = async (chunks: string[]) => {
  const out: unknown[] = [];
  for await (const element of jsonArrayElementsOf(chunks)) out.push(element);
  return out;
};

/** The text cut into pieces of `size` characters, so elements, strings and escapes straddle them. */
const pieces = (text: string, size: number) =>
  Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));

describe('jsonArrayElementsOf', () => {
  const fiches = [
    { id: 'a', title: { fr: 'Crochets ] et } dans un texte, avec « virgules »' } },
    { id: 'b', note: 'guillemet \\" échappé, barre \\\\ finale\\\\', nested: [[1, { x: [] }], {}] },
    'une chaîne',
    42,
    null,
  ];
  const text = ` \n[ ${fiches.map((fiche) => JSON.stringify(fiche, null, 1)).join(' ,\n')} ]\n`;

  it('gives each element of the array, whatever where the pieces of the file are cut', async () => {
    for (const size of [1, 2, 3, 7, 64, text.length]) expect(await all(pieces(text, size))).toEqual(fiches);
  });

  it('reads an empty list as no element', async () => {
    expect(await all(['[', ' ', ']'])).toEqual([]);
  });

  it.each([
    ['{"id": "a"}', 'le fichier doit contenir une liste'],
    ['[{"id": "a"}] [', 'du texte suit la fin de la liste'],
    ['[{"id": "a"}, {"id": ', 'fin de fichier avant la fin de la liste'],
    ['[{"id": "a"}, {"id": nope}]', 'élément n° 2 illisible'],
    ['[{"id": "a"},, {"id": "b"}]', 'élément vide après l’élément n° 1'],
    ['[{"id": "a"},]', 'élément vide après l’élément n° 1'],
  ])('refuses %s in French', async (input, message) => {
    const reading = all(pieces(input, 5));
    await expect(reading).rejects.toThrow(JsonArrayError);
    await expect(all(pieces(input, 5))).rejects.toThrow(message);
  });
});
