// The Form.io renderer (@formio/js's form renderer, without the builder) as its README shows: Bootstrap's and
// the renderer's stylesheets, then Formio.createForm with the form JSON.
import 'bootstrap/dist/css/bootstrap.min.css';
import '@formio/js/dist/formio.form.min.css';
import { Formio } from '@formio/js/form';
import json from '../build/definitions/formio.json';

Formio.createForm(document.getElementById('root'), json);
