/**
 * Types for the pdfmake document nodes we build (pdfmake ships none). Only the
 * properties we use are listed, so a typo in a node fails to compile.
 */

export type Margin = number | [number, number] | [number, number, number, number];
export type Alignment = 'left' | 'center' | 'right' | 'justify';

export interface TextStyle {
  font?: string;
  fontSize?: number;
  bold?: boolean;
  italics?: boolean;
  color?: string;
  lineHeight?: number;
  alignment?: Alignment;
  characterSpacing?: number;
  preserveLeadingSpaces?: boolean;
  /** Highlight behind the text. */
  background?: string;
}

/** A piece of a line: pdfmake switches font per inline, which is how scripts get their font. */
export interface InlineText extends TextStyle {
  text: string | InlineText[];
  link?: string;
}

export type RichText = string | InlineText[];

interface Common {
  margin?: Margin;
  pageBreak?: 'before' | 'after';
  pageOrientation?: 'portrait' | 'landscape';
  unbreakable?: boolean;
  width?: number | '*' | 'auto';
  alignment?: Alignment;
  id?: string;
  /** Drawn at this offset from where the node would be, out of the flow. */
  relativePosition?: { x: number; y: number };
}

export interface TextNode extends Common, TextStyle {
  text: RichText;
  link?: string;
  /** pdfmake adds a bookmark (PDF outline entry) for this node. */
  outline?: boolean;
  outlineText?: string;
  outlineExpanded?: boolean;
  /** Lines past this height are dropped: a last guard against text leaving its frame. */
  maxHeight?: number;
}

export interface StackNode extends Common, TextStyle {
  stack: Content[];
}

export interface ColumnsNode extends Common, TextStyle {
  columns: Content[];
  columnGap?: number;
}

export interface ListNode extends Common, TextStyle {
  ul: Content[];
  markerColor?: string;
}

export interface ImageNode extends Common {
  /** A key of the document's `images`, always a data URL we made. */
  image: string;
  fit?: [number, number];
  height?: number;
}

export type CanvasShape =
  | { type: 'rect'; x: number; y: number; w: number; h: number; r?: number; color?: string; lineColor?: string; lineWidth?: number }
  | { type: 'line'; x1: number; y1: number; x2: number; y2: number; lineWidth?: number; lineColor?: string; dash?: { length: number } };

export interface CanvasNode extends Common {
  canvas: CanvasShape[];
}

export interface TableCell extends TextStyle {
  fillColor?: string;
  colSpan?: number;
  border?: [boolean, boolean, boolean, boolean];
}

export type Cell = (Content & TableCell) | (TextNode & TableCell) | (StackNode & TableCell) | Record<string, never>;

export interface TableLayout {
  hLineWidth?: (i: number, node: { table: { body: unknown[] } }) => number;
  vLineWidth?: (i: number, node: { table: { widths: unknown[] } }) => number;
  hLineColor?: (i: number) => string;
  vLineColor?: (i: number) => string;
  paddingLeft?: (i: number) => number;
  paddingRight?: (i: number) => number;
  paddingTop?: (i: number) => number;
  paddingBottom?: (i: number) => number;
  fillColor?: (row: number) => string | null;
}

export interface TableNode extends Common, TextStyle {
  table: {
    widths: Array<number | '*' | 'auto'>;
    heights?: Array<number | 'auto'>;
    body: Cell[][];
    headerRows?: number;
    dontBreakRows?: boolean;
  };
  layout?: TableLayout | 'noBorders' | 'lightHorizontalLines';
}

export type Content = string | TextNode | StackNode | ColumnsNode | ListNode | ImageNode | CanvasNode | TableNode | Content[];

export interface DocDefinition {
  pageSize: { width: number; height: number };
  pageOrientation?: 'portrait' | 'landscape';
  pageMargins: [number, number, number, number];
  info: { title: string; author?: string; subject?: string; keywords?: string; creator?: string; producer?: string; creationDate?: Date };
  content: Content[];
  images: Record<string, string>;
  defaultStyle: TextStyle;
  footer?: (page: number, pages: number) => Content | null;
  language?: string;
  compress?: boolean;
}
