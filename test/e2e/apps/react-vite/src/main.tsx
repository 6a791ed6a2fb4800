import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
// Registers <ak1-form> and brings its JSX types (attributes, properties, onak1-* events).
import { setDefaultRegionsUrl } from 'ak1-form/react';

// The one line a bundled app needs: where it serves the package's dist/region-data/ (copy-region-data.mjs).
setDefaultRegionsUrl(`${import.meta.env.BASE_URL}region-data/`);

function App() {
  const [step, setStep] = useState('identity');
  const [registration, setRegistration] = useState<string>();
  return (
    <main>
      <h1>Pendaftaran kartu kuning</h1>
      <p id="app-step">{step}</p>
      {registration && <p id="app-registration">{registration}</p>}
      <ak1-form
        endpoint={import.meta.env.VITE_AK1_ENDPOINT ?? '/api/ak1'}
        district-code="36.04"
        district-name="Kabupaten Serang"
        office-name="Disnakertrans Kabupaten Serang"
        office-address="Jl. Veteran No. 1, Serang"
        documents="KTP"
        config={{ minAge: 18 }}
        onak1-step-change={(event) => setStep(event.detail.step)}
        onak1-success={(event) => setRegistration(event.detail.registrationNumber)}
        onak1-error={(event) => console.warn(event.detail.name, event.detail.code)}
      ></ak1-form>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
