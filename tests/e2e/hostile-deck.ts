/**
 * A deck from a stranger: script-injection payloads in every text field of every
 * layout. Each payload that ran would set `window.__xss`, open a dialog or make a
 * request — the tests check none of that happens and the text shows as text.
 */
export const XSS_PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=1</script>',
  'javascript:window.__xss=1',
  '<a href="javascript:window.__xss=1">click</a>',
  '<svg onload="window.__xss=1"><script>window.__xss=1</script></svg>',
  '<iframe src="javascript:window.__xss=1"></iframe>',
  '<style>body{background:url("http://example.invalid/x.png")}</style>',
  '<div style="background:url(http://example.invalid/y.png)">css</div>',
  '"><img src=x onerror=alert(1)>',
  "'-alert(1)-'",
  '{{constructor.constructor("window.__xss=1")()}}',
  '${alert(1)}',
  '\u202eevil\u202c reversed \u2066bidi\u2069',
  '<math><mi xlink:href="javascript:alert(1)">m</mi></math>',
  '<object data="http://example.invalid/z"></object>',
];

/** Payload i, cycling through the corpus, tagged so each field's text is unique. */
const p = (i: number, tag: string) => `${tag} ${XSS_PAYLOADS[i % XSS_PAYLOADS.length]}`;

/** A valid deck of every layout with a payload in each text field. */
export function hostileDeck(): Record<string, unknown> {
  let n = 0;
  const t = (tag: string) => p(n++, tag);
  return {
    format: 'briefing-deck',
    version: 1,
    meta: { title: t('Deck'), subtitle: t('Sub'), author: t('Author'), asOf: t('AsOf') },
    sources: [
      { id: 'src', title: t('SourceTitle'), publisher: t('Publisher'), url: 'javascript:window.__xss=1', note: t('SourceNote') },
      { id: 'src2', title: t('Source2'), url: 'file:///etc/passwd', note: '../../x' },
    ],
    slides: [
      { id: 'title', layout: 'title', title: t('T1'), subtitle: t('S1'), notes: t('N1'), handout: t('H1') },
      { id: 'section', layout: 'section', title: t('T2'), subtitle: t('S2'), notes: t('N2') },
      { id: 'bullets', layout: 'bullets', title: t('T3'), bullets: [t('B1'), t('B2')], confidence: 'low', notes: t('N3'), sources: ['src'] },
      {
        id: 'stats',
        layout: 'stats',
        title: t('T4'),
        stats: [{ value: 1, unit: '<b>u</b>', label: t('L1'), source: 'src', derived: t('D1') }],
        notes: t('N4'),
      },
      {
        id: 'chart',
        layout: 'chart',
        title: t('T5'),
        chart: {
          type: 'bar',
          labels: [t('Lab1'), t('Lab2')],
          series: [{ name: t('Ser'), values: [1, 2] }],
          unit: '<i>u</i>',
          caption: t('Cap'),
          derived: t('Der'),
        },
        notes: t('N5'),
        sources: ['src2'],
      },
      { id: 'columns', layout: 'two-column', title: t('T6'), columns: [{ heading: t('C1'), bullets: [t('CB1')] }, { heading: t('C2'), bullets: [t('CB2')] }], notes: t('N6') },
      { id: 'quote', layout: 'quote', title: t('T7'), quote: { text: t('Q'), attribution: t('QA') }, notes: t('N7') },
      { id: 'sources', layout: 'sources', title: t('T8'), notes: t('N8'), handout: t('H8') },
    ],
  };
}
