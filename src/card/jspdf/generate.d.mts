/** The path of the generated module, src/card/jspdf/jspdf.js. */
export declare const JSPDF_MODULE: string;
/** The plugins the generated module leaves out, each with the pattern that finds its statement. */
export declare const DROPPED_PLUGINS: [name: string, pattern: RegExp][];
/** The source of the trimmed module, made from the installed jsPDF. */
export declare function generateJsPdfModule(): Promise<string>;
