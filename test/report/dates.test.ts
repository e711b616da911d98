// The one shop-date helper (src/report/dates.ts): French `31/08/2025 à 23:59`, English year first.
import { describe, expect, it } from 'vitest';
import { formatShopDate, formatShopDay, shopDates } from '../../src/report/dates.js';

describe('formatShopDate', () => {
  it('shows a PrestaShop wall-clock date as a French reader expects, on the shop’s clock as stored', () => {
    expect(formatShopDate('2025-08-31 23:59:59', 'fr')).toBe('31/08/2025 à 23:59');
    expect(formatShopDate('2025-08-31', 'fr')).toBe('31/08/2025');
    expect(formatShopDate('2025-08-31 23:59:59', 'en')).toBe('2025-08-31 23:59');
  });

  it('shows an instant on the shop’s clock (time zone given)', () => {
    // 21:59 UTC is 23:59 in Paris in summer, 05:59 the next day in Tokyo.
    expect(formatShopDate('2025-08-31T21:59:00Z', 'fr', 'Europe/Paris')).toBe('31/08/2025 à 23:59');
    expect(formatShopDate(new Date('2025-08-31T21:59:00Z'), 'fr', 'Asia/Tokyo')).toBe('01/09/2025 à 06:59');
    expect(formatShopDate(Date.parse('2025-08-31T21:59:00Z') / 1000, 'fr', 'Europe/Paris')).toBe('31/08/2025 à 23:59');
    expect(formatShopDay('2025-08-31T21:59:00Z', 'fr', 'Europe/Paris')).toBe('31/08/2025');
  });

  it('says an instant year first in English, on the shop’s clock too (no day/month order to guess)', () => {
    expect(formatShopDate('2025-08-04T21:59:00.000Z', 'en', 'Europe/Paris')).toBe('2025-08-04 23:59');
    expect(formatShopDate('2025-08-04T21:59:00.000Z', 'en', 'UTC')).toBe('2025-08-04 21:59');
    expect(formatShopDay(1754344740, 'en', 'Europe/Paris')).toBe('2025-08-04');
    expect(shopDates('2025-08-31 23:59:59')).toEqual({ fr: '31/08/2025 à 23:59', en: '2025-08-31 23:59' });
  });

  it('falls back to Paris when the time zone is missing or not one', () => {
    expect(formatShopDate('2025-08-31T21:59:00Z', 'fr')).toBe('31/08/2025 à 23:59');
    expect(formatShopDate('2025-08-31T21:59:00Z', 'fr', 'Mars/Olympus')).toBe('31/08/2025 à 23:59');
  });

  it('returns what it cannot read as given', () => {
    expect(formatShopDate('bientôt', 'fr')).toBe('bientôt');
  });
});
