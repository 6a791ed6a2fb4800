/**
 * The 38 provinces of Indonesia with their Kemendagri codes (Kepmendagri No. 100.1.1-6117 Tahun 2022 and
 * later, as published in idn-area-data 4.0.1). They live here rather than in the lazily loaded region
 * files because every NIK check needs them and they are small.
 */
export const PROVINCES = [
  ['11', 'Aceh'],
  ['12', 'Sumatera Utara'],
  ['13', 'Sumatera Barat'],
  ['14', 'Riau'],
  ['15', 'Jambi'],
  ['16', 'Sumatera Selatan'],
  ['17', 'Bengkulu'],
  ['18', 'Lampung'],
  ['19', 'Kepulauan Bangka Belitung'],
  ['21', 'Kepulauan Riau'],
  ['31', 'Daerah Khusus Ibukota Jakarta'],
  ['32', 'Jawa Barat'],
  ['33', 'Jawa Tengah'],
  ['34', 'Daerah Istimewa Yogyakarta'],
  ['35', 'Jawa Timur'],
  ['36', 'Banten'],
  ['51', 'Bali'],
  ['52', 'Nusa Tenggara Barat'],
  ['53', 'Nusa Tenggara Timur'],
  ['61', 'Kalimantan Barat'],
  ['62', 'Kalimantan Tengah'],
  ['63', 'Kalimantan Selatan'],
  ['64', 'Kalimantan Timur'],
  ['65', 'Kalimantan Utara'],
  ['71', 'Sulawesi Utara'],
  ['72', 'Sulawesi Tengah'],
  ['73', 'Sulawesi Selatan'],
  ['74', 'Sulawesi Tenggara'],
  ['75', 'Gorontalo'],
  ['76', 'Sulawesi Barat'],
  ['81', 'Maluku'],
  ['82', 'Maluku Utara'],
  ['91', 'Papua'],
  ['92', 'Papua Barat'],
  ['93', 'Papua Selatan'],
  ['94', 'Papua Tengah'],
  ['95', 'Papua Pegunungan'],
  ['96', 'Papua Barat Daya'],
] as const satisfies ReadonlyArray<readonly [string, string]>;

/** A two-digit province code such as `36` (Banten). */
export type ProvinceCode = (typeof PROVINCES)[number][0];

const PROVINCE_NAMES: ReadonlyMap<string, string> = new Map(PROVINCES);

/** True when `code` is one of the 38 current province codes. */
export function isProvinceCode(code: string): code is ProvinceCode {
  return PROVINCE_NAMES.has(code);
}

/** The province's name, e.g. `provinceName('36')` is `Banten`; `undefined` for an unknown code. */
export function provinceName(code: string): string | undefined {
  return PROVINCE_NAMES.get(code);
}
