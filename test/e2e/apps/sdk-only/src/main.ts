// A district's own form built with the SDK alone (no <ak1-form>, no lit): the NIK read as the element reads
// it, the application checked by the same schema the backend uses, the region lists and the office's open
// days from the same client.
import { addDays, calendarDate, createAk1Client, createRegionLookup, parseNik, validateApplication } from 'ak1-form';

const endpoint: string = import.meta.env.VITE_AK1_ENDPOINT ?? '/api/ak1';
const client = createAk1Client({ endpoint });
const regions = createRegionLookup({ baseUrl: `${import.meta.env.BASE_URL}region-data/` });

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const nik = $<HTMLInputElement>('nik');
const nikInfo = $<HTMLParagraphElement>('nik-info');
const regency = $<HTMLSelectElement>('regency');

nik.addEventListener('input', () => {
  const result = parseNik(nik.value);
  nikInfo.textContent = result.ok
    ? `Lahir ${result.value.birthDate}, ${result.value.sex === 'P' ? 'perempuan' : 'laki-laki'}, terdaftar di ${result.value.regencyCode}`
    : `NIK belum benar (${result.error.code})`;
});

for (const { code, name } of await regions.regencies('36')) regency.add(new Option(name, code));

$<HTMLFormElement>('own-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const result = validateApplication({ nik: nik.value.replace(/ /g, ''), address: { regencyCode: regency.value } }, { regions });
  $('issues').textContent = result.ok ? 'Lengkap' : `${result.issues.length} isian perlu dilengkapi: ${result.issues.map((issue) => issue.path.join('.')).slice(0, 3).join(', ')}…`;
});

const today = calendarDate();
const availability = await client.availability(today, addDays(today, 14));
$('open-days').textContent = `${availability.days.filter((day) => day.open).length} hari buka dalam dua minggu`;
