// The trimmed jsPDF (jspdf.js, generated) has jsPDF's own API less the dropped plugins' methods, which the card never calls.
export * from 'jspdf';
export { default } from 'jspdf';
