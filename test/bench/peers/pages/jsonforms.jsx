// JSON Forms with React and its vanilla renderers, as its React tutorial shows: <JsonForms> with the schema,
// the UI schema, the data in state, vanillaRenderers and vanillaCells, under createRoot. The vanilla set has no
// stylesheet of its own; the page gives it a few lines.
import { JsonForms } from '@jsonforms/react';
import { vanillaCells, vanillaRenderers } from '@jsonforms/vanilla-renderers';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { schema, uischema } from '../build/definitions/jsonforms.json';

function App() {
  const [data, setData] = useState({});
  return <JsonForms schema={schema} uischema={uischema} data={data} renderers={vanillaRenderers} cells={vanillaCells} onChange={({ data }) => setData(data)} />;
}

createRoot(document.getElementById('root')).render(<App />);
