/**
 * Countries for map charts: ISO 3166-1 alpha-2, alpha-3 and numeric codes, the
 * English short name and the names people (and Natural Earth's world-atlas
 * features) also use. Pure data and lookups: a deck names a country by any of
 * these; a map draws the world-atlas feature whose numeric id matches (or, for
 * the few places without an ISO number, whose name matches).
 */
import { closestKey } from './did-you-mean';

export interface Country {
  /** ISO 3166-1 alpha-2 ("KZ"); user-assigned for Kosovo; empty where none exists. */
  alpha2: string;
  /** ISO 3166-1 alpha-3 ("KAZ"). */
  alpha3: string;
  /** ISO 3166-1 numeric, three digits ("398"), as world-atlas feature ids are; empty where none exists. */
  numeric: string;
  /** The name a slide shows ("Kazakhstan"). */
  name: string;
  /** Other names it is known by, Natural Earth's short forms among them ("Dem. Rep. Congo"). */
  aliases: readonly string[];
}

// alpha-2 alpha-3 numeric Name|alias|alias… (ISO 3166-1, 2024), then places Natural Earth draws without an ISO number.
const TABLE = `
AF AFG 004 Afghanistan
AX ALA 248 Åland Islands|Aland
AL ALB 008 Albania
DZ DZA 012 Algeria
AS ASM 016 American Samoa
AD AND 020 Andorra
AO AGO 024 Angola
AI AIA 660 Anguilla
AQ ATA 010 Antarctica
AG ATG 028 Antigua and Barbuda|Antigua and Barb.
AR ARG 032 Argentina
AM ARM 051 Armenia
AW ABW 533 Aruba
AU AUS 036 Australia
AT AUT 040 Austria
AZ AZE 031 Azerbaijan
BS BHS 044 Bahamas|The Bahamas
BH BHR 048 Bahrain
BD BGD 050 Bangladesh
BB BRB 052 Barbados
BY BLR 112 Belarus
BE BEL 056 Belgium
BZ BLZ 084 Belize
BJ BEN 204 Benin
BM BMU 060 Bermuda
BT BTN 064 Bhutan
BO BOL 068 Bolivia
BQ BES 535 Bonaire, Sint Eustatius and Saba|Caribbean Netherlands
BA BIH 070 Bosnia and Herzegovina|Bosnia and Herz.|Bosnia
BW BWA 072 Botswana
BV BVT 074 Bouvet Island
BR BRA 076 Brazil
IO IOT 086 British Indian Ocean Territory|Br. Indian Ocean Ter.
BN BRN 096 Brunei|Brunei Darussalam
BG BGR 100 Bulgaria
BF BFA 854 Burkina Faso
BI BDI 108 Burundi
CV CPV 132 Cabo Verde|Cape Verde
KH KHM 116 Cambodia
CM CMR 120 Cameroon
CA CAN 124 Canada
KY CYM 136 Cayman Islands|Cayman Is.
CF CAF 140 Central African Republic|Central African Rep.
TD TCD 148 Chad
CL CHL 152 Chile
CN CHN 156 China|People's Republic of China|PRC
CX CXR 162 Christmas Island
CC CCK 166 Cocos (Keeling) Islands|Cocos Islands
CO COL 170 Colombia
KM COM 174 Comoros
CG COG 178 Congo|Republic of the Congo|Congo-Brazzaville
CD COD 180 Democratic Republic of the Congo|Dem. Rep. Congo|DR Congo|DRC|Congo-Kinshasa
CK COK 184 Cook Islands|Cook Is.
CR CRI 188 Costa Rica
CI CIV 384 Côte d'Ivoire|Ivory Coast
HR HRV 191 Croatia
CU CUB 192 Cuba
CW CUW 531 Curaçao
CY CYP 196 Cyprus
CZ CZE 203 Czechia|Czech Republic
DK DNK 208 Denmark
DJ DJI 262 Djibouti
DM DMA 212 Dominica
DO DOM 214 Dominican Republic|Dominican Rep.
EC ECU 218 Ecuador
EG EGY 818 Egypt
SV SLV 222 El Salvador
GQ GNQ 226 Equatorial Guinea|Eq. Guinea
ER ERI 232 Eritrea
EE EST 233 Estonia
SZ SWZ 748 Eswatini|eSwatini|Swaziland
ET ETH 231 Ethiopia
FK FLK 238 Falkland Islands|Falkland Is.
FO FRO 234 Faroe Islands|Faeroe Is.
FJ FJI 242 Fiji
FI FIN 246 Finland
FR FRA 250 France
GF GUF 254 French Guiana
PF PYF 258 French Polynesia|Fr. Polynesia
TF ATF 260 French Southern Territories|Fr. S. Antarctic Lands
GA GAB 266 Gabon
GM GMB 270 Gambia|The Gambia
GE GEO 268 Georgia
DE DEU 276 Germany
GH GHA 288 Ghana
GI GIB 292 Gibraltar
GR GRC 300 Greece
GL GRL 304 Greenland
GD GRD 308 Grenada
GP GLP 312 Guadeloupe
GU GUM 316 Guam
GT GTM 320 Guatemala
GG GGY 831 Guernsey
GN GIN 324 Guinea
GW GNB 624 Guinea-Bissau
GY GUY 328 Guyana
HT HTI 332 Haiti
HM HMD 334 Heard Island and McDonald Islands|Heard I. and McDonald Is.
VA VAT 336 Vatican|Holy See|Vatican City
HN HND 340 Honduras
HK HKG 344 Hong Kong
HU HUN 348 Hungary
IS ISL 352 Iceland
IN IND 356 India
ID IDN 360 Indonesia
IR IRN 364 Iran
IQ IRQ 368 Iraq
IE IRL 372 Ireland
IM IMN 833 Isle of Man
IL ISR 376 Israel
IT ITA 380 Italy
JM JAM 388 Jamaica
JP JPN 392 Japan
JE JEY 832 Jersey
JO JOR 400 Jordan
KZ KAZ 398 Kazakhstan|Qazaqstan
KE KEN 404 Kenya
KI KIR 296 Kiribati
KP PRK 408 North Korea|Democratic People's Republic of Korea|DPRK
KR KOR 410 South Korea|Republic of Korea|Korea
KW KWT 414 Kuwait
KG KGZ 417 Kyrgyzstan|Kyrgyz Republic|Kirghizia
LA LAO 418 Laos|Lao PDR
LV LVA 428 Latvia
LB LBN 422 Lebanon
LS LSO 426 Lesotho
LR LBR 430 Liberia
LY LBY 434 Libya
LI LIE 438 Liechtenstein
LT LTU 440 Lithuania
LU LUX 442 Luxembourg
MO MAC 446 Macao|Macau
MG MDG 450 Madagascar
MW MWI 454 Malawi
MY MYS 458 Malaysia
MV MDV 462 Maldives
ML MLI 466 Mali
MT MLT 470 Malta
MH MHL 584 Marshall Islands|Marshall Is.
MQ MTQ 474 Martinique
MR MRT 478 Mauritania
MU MUS 480 Mauritius
YT MYT 175 Mayotte
MX MEX 484 Mexico
FM FSM 583 Micronesia|Federated States of Micronesia
MD MDA 498 Moldova
MC MCO 492 Monaco
MN MNG 496 Mongolia
ME MNE 499 Montenegro
MS MSR 500 Montserrat
MA MAR 504 Morocco
MZ MOZ 508 Mozambique
MM MMR 104 Myanmar|Burma
NA NAM 516 Namibia
NR NRU 520 Nauru
NP NPL 524 Nepal
NL NLD 528 Netherlands|The Netherlands|Holland
NC NCL 540 New Caledonia
NZ NZL 554 New Zealand
NI NIC 558 Nicaragua
NE NER 562 Niger
NG NGA 566 Nigeria
NU NIU 570 Niue
NF NFK 574 Norfolk Island
MK MKD 807 North Macedonia|Macedonia
MP MNP 580 Northern Mariana Islands|N. Mariana Is.
NO NOR 578 Norway
OM OMN 512 Oman
PK PAK 586 Pakistan
PW PLW 585 Palau
PS PSE 275 Palestine|State of Palestine
PA PAN 591 Panama
PG PNG 598 Papua New Guinea
PY PRY 600 Paraguay
PE PER 604 Peru
PH PHL 608 Philippines
PN PCN 612 Pitcairn|Pitcairn Is.|Pitcairn Islands
PL POL 616 Poland
PT PRT 620 Portugal
PR PRI 630 Puerto Rico
QA QAT 634 Qatar
RE REU 638 Réunion
RO ROU 642 Romania
RU RUS 643 Russia|Russian Federation
RW RWA 646 Rwanda
BL BLM 652 Saint Barthélemy|St-Barthélemy
SH SHN 654 Saint Helena|Saint Helena, Ascension and Tristan da Cunha
KN KNA 659 Saint Kitts and Nevis|St. Kitts and Nevis
LC LCA 662 Saint Lucia
MF MAF 663 Saint Martin|St-Martin
PM SPM 666 Saint Pierre and Miquelon|St. Pierre and Miquelon
VC VCT 670 Saint Vincent and the Grenadines|St. Vin. and Gren.
WS WSM 882 Samoa
SM SMR 674 San Marino
ST STP 678 São Tomé and Príncipe|São Tomé and Principe|Sao Tome and Principe
SA SAU 682 Saudi Arabia
SN SEN 686 Senegal
RS SRB 688 Serbia
SC SYC 690 Seychelles
SL SLE 694 Sierra Leone
SG SGP 702 Singapore
SX SXM 534 Sint Maarten
SK SVK 703 Slovakia
SI SVN 705 Slovenia
SB SLB 090 Solomon Islands|Solomon Is.
SO SOM 706 Somalia
ZA ZAF 710 South Africa
GS SGS 239 South Georgia and the South Sandwich Islands|S. Geo. and the Is.
SS SSD 728 South Sudan|S. Sudan
ES ESP 724 Spain
LK LKA 144 Sri Lanka
SD SDN 729 Sudan
SR SUR 740 Suriname
SJ SJM 744 Svalbard and Jan Mayen
SE SWE 752 Sweden
CH CHE 756 Switzerland
SY SYR 760 Syria
TW TWN 158 Taiwan
TJ TJK 762 Tajikistan
TZ TZA 834 Tanzania
TH THA 764 Thailand
TL TLS 626 Timor-Leste|East Timor
TG TGO 768 Togo
TK TKL 772 Tokelau
TO TON 776 Tonga
TT TTO 780 Trinidad and Tobago
TN TUN 788 Tunisia
TR TUR 792 Türkiye|Turkey
TM TKM 795 Turkmenistan
TC TCA 796 Turks and Caicos Islands|Turks and Caicos Is.
TV TUV 798 Tuvalu
UG UGA 800 Uganda
UA UKR 804 Ukraine
AE ARE 784 United Arab Emirates|UAE
GB GBR 826 United Kingdom|UK|Great Britain|Britain
US USA 840 United States|United States of America|USA|US
UM UMI 581 United States Minor Outlying Islands
UY URY 858 Uruguay
UZ UZB 860 Uzbekistan
VU VUT 548 Vanuatu
VE VEN 862 Venezuela
VN VNM 704 Vietnam|Viet Nam
VG VGB 092 British Virgin Islands|British Virgin Is.
VI VIR 850 United States Virgin Islands|U.S. Virgin Is.
WF WLF 876 Wallis and Futuna|Wallis and Futuna Is.
EH ESH 732 Western Sahara|W. Sahara
YE YEM 887 Yemen
ZM ZMB 894 Zambia
ZW ZWE 716 Zimbabwe
XK XKX - Kosovo
-- --- - Somaliland
-- --- - Northern Cyprus|N. Cyprus
`;

/** Every country and territory a map can shade. */
export const COUNTRIES: readonly Country[] = TABLE.trim()
  .split('\n')
  .map((line) => {
    const [alpha2, alpha3, numeric] = line.split(' ', 3);
    const [name, ...aliases] = line.split(' ').slice(3).join(' ').split('|');
    return { alpha2: alpha2 === '--' ? '' : alpha2, alpha3: alpha3 === '---' ? '' : alpha3, numeric: numeric === '-' ? '' : numeric, name, aliases };
  });

const ASCII = /^[\x00-\x7f]*$/;

/** Case, accents, punctuation and spacing do not matter: "cote d'ivoire" is "Côte d’Ivoire". */
export function normalizeCountryName(text: string): string {
  // Decomposing only what can have accents: NFD on the ~500 names and aliases of the first
  // lookup was 8 ms of a first map's frame, and plain ASCII decomposes to itself.
  return (ASCII.test(text) ? text : text.normalize('NFD').replace(/[\u0300-\u036f]/g, ''))
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[.,'’()-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

let index: Map<string, Country> | undefined;
let names: string[] | undefined;

function lookup(): Map<string, Country> {
  if (index) return index;
  index = new Map();
  for (const country of COUNTRIES) {
    // Codes are keyed apart from names ("#"), so a two-letter name can never shadow a code.
    if (country.alpha2) index.set(`#${country.alpha2.toLowerCase()}`, country);
    if (country.alpha3) index.set(`#${country.alpha3.toLowerCase()}`, country);
    if (country.numeric) index.set(`#${country.numeric}`, country);
    for (const name of [country.name, ...country.aliases]) {
      const key = normalizeCountryName(name);
      if (!index.has(key)) index.set(key, country);
    }
  }
  return index;
}

/**
 * The country a chart label names: an ISO code (alpha-2 "KZ", alpha-3 "KAZ",
 * numeric "398" or "398" without leading zeros) or a name ("Kazakhstan",
 * "kazakhstan", "Côte d'Ivoire" or "Cote d'Ivoire"); undefined when none matches.
 */
export function resolveCountry(label: string): Country | undefined {
  const text = label.trim();
  if (!text) return undefined;
  const table = lookup();
  if (/^\d{1,3}$/.test(text)) return table.get(`#${text.padStart(3, '0')}`);
  if (/^[A-Za-z]{2,3}$/.test(text)) {
    const byCode = table.get(`#${text.toLowerCase()}`);
    if (byCode) return byCode;
  }
  return table.get(normalizeCountryName(text));
}

/** The name closest to an unknown one ("Kazakstan" → "Kazakhstan"), if any is close enough to be a typo. */
export function suggestCountry(label: string): string | undefined {
  names ??= COUNTRIES.flatMap((c) => [c.name, ...c.aliases]);
  const guess = closestKey(normalizeCountryName(label), names.map(normalizeCountryName));
  if (guess === undefined) return undefined;
  const country = lookup().get(guess);
  return country?.name;
}

/** The message `briefing check` gives for a label that names no country. */
export function unknownCountryMessage(label: string): string {
  const suggestion = suggestCountry(label);
  const hint = suggestion ? `: did you mean "${suggestion}"?` : '; use an ISO code (KZ, KAZ or 398) or a country name';
  return `unknown country "${label}"${hint}`;
}
