// The configuration's search places are written out in src/config/discover.ts (a run without a
// configuration file then never loads cosmiconfig, issue 9.4): they must stay cosmiconfig's own.
import { getDefaultSearchPlaces } from 'cosmiconfig';
import { describe, expect, it } from 'vitest';
import { searchPlaces } from '../../src/config/discover.js';

describe('searchPlaces', () => {
  it('is cosmiconfig’s list of default search places, in its order', () => {
    for (const name of ['checkout-doctor', 'x']) expect(searchPlaces(name)).toEqual(getDefaultSearchPlaces(name));
  });
});
