/**
 * The part of pdfmake 0.3's server API we use (the package ships no types).
 * Document nodes are typed in `pdf-types.ts`.
 */
declare module 'pdfmake' {
  interface PdfMakeOutput {
    getBuffer(): Promise<Buffer>;
    /** The pdfkit document, once laid out (and rendered, unless rendering is held: late-images.ts). */
    getStream(): Promise<unknown>;
  }
  interface FontFaces {
    normal: string;
    bold: string;
    italics: string;
    bolditalics: string;
  }
  interface PdfMake {
    virtualfs: { existsSync(name: string): boolean; writeFileSync(name: string, data: Buffer): void };
    addFonts(fonts: Record<string, FontFaces>): void;
    setFonts(fonts: Record<string, FontFaces>): void;
    setUrlAccessPolicy(policy: (url: string) => boolean): void;
    setLocalAccessPolicy(policy: (path: string) => boolean): void;
    setProgressCallback(callback: ((progress: number) => void) | undefined): void;
    createPdf(doc: object, options?: object): PdfMakeOutput;
  }
  const pdfmake: PdfMake;
  export default pdfmake;
}
