/** The npm package the card's font comes from. */
export declare const FONT_PACKAGE: string;
/** The path of the generated font module, src/card/font/noto-sans.ts. */
export declare const FONT_MODULE: string;
/** The source of the font module, made from the installed font package. */
export declare function generateFontModule(): Promise<string>;
