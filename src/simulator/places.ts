import type { Rng } from './random.ts';

/**
 * The world the simulated devices live in: real cities with their coordinates, time zones, postal
 * codes and countries, and autonomous systems of the kind their traffic comes from (consumer ISPs,
 * mobile carriers, clouds, VPN exits, Tor exits, relays). Address ranges are plausible for the
 * network, not a statement about who holds a given address today.
 */

export interface Continent {
  code: string;
  name: string;
}

export interface Country {
  code: string;
  iso3: string;
  name: string;
  nativeName: string;
  region: string;
  subregion: string;
  currency: string;
  currencyName: string;
  phoneCode: string;
  capital: string;
  continent: Continent;
  /** Regional internet registry of the country's address space. */
  rir: 'ARIN' | 'RIPE' | 'APNIC' | 'LACNIC' | 'AFRINIC';
  /** The main mobile carrier, for SIM-derived fields (TrustDecision). */
  carrier: { name: string; mcc: string; mnc: string };
}

export type NetworkType = 'isp' | 'mobile' | 'hosting' | 'business';

export interface Network {
  asn: number;
  /** Short AS name as registries list it (`DTAG`). */
  handle: string;
  org: string;
  domain: string;
  type: NetworkType;
  /** IPv4 range the simulated addresses are drawn from (CIDR). */
  ipv4: string;
  /** First two groups of a /32 IPv6 range, when the network has IPv6. */
  ipv6?: string;
}

export interface Place {
  city: string;
  subdivision: { code: string; name: string };
  postalCode: string;
  latitude: number;
  longitude: number;
  timezone: string;
  /** Standard UTC offset (`+01:00`); daylight saving time is ignored. */
  utcOffset: string;
  country: Country;
  language: string;
  /** Consumer networks of the place: home broadband first, then mobile. */
  isps: readonly Network[];
}

const EU: Continent = { code: 'EU', name: 'Europe' };
const NA: Continent = { code: 'NA', name: 'North America' };
const SA: Continent = { code: 'SA', name: 'South America' };
const AS: Continent = { code: 'AS', name: 'Asia' };
const OC: Continent = { code: 'OC', name: 'Oceania' };
const AF: Continent = { code: 'AF', name: 'Africa' };

const DE: Country = {
  code: 'DE',
  iso3: 'DEU',
  name: 'Germany',
  nativeName: 'Deutschland',
  region: 'Europe',
  subregion: 'Western Europe',
  currency: 'EUR',
  currencyName: 'Euro',
  phoneCode: '49',
  capital: 'Berlin',
  continent: EU,
  rir: 'RIPE',
  carrier: { name: 'Telekom.de', mcc: '262', mnc: '01' },
};
const FR: Country = {
  code: 'FR',
  iso3: 'FRA',
  name: 'France',
  nativeName: 'France',
  region: 'Europe',
  subregion: 'Western Europe',
  currency: 'EUR',
  currencyName: 'Euro',
  phoneCode: '33',
  capital: 'Paris',
  continent: EU,
  rir: 'RIPE',
  carrier: { name: 'Orange F', mcc: '208', mnc: '01' },
};
const GB: Country = {
  code: 'GB',
  iso3: 'GBR',
  name: 'United Kingdom',
  nativeName: 'United Kingdom',
  region: 'Europe',
  subregion: 'Northern Europe',
  currency: 'GBP',
  currencyName: 'British pound',
  phoneCode: '44',
  capital: 'London',
  continent: EU,
  rir: 'RIPE',
  carrier: { name: 'EE', mcc: '234', mnc: '30' },
};
const ES: Country = {
  code: 'ES',
  iso3: 'ESP',
  name: 'Spain',
  nativeName: 'España',
  region: 'Europe',
  subregion: 'Southern Europe',
  currency: 'EUR',
  currencyName: 'Euro',
  phoneCode: '34',
  capital: 'Madrid',
  continent: EU,
  rir: 'RIPE',
  carrier: { name: 'Movistar', mcc: '214', mnc: '07' },
};
const NL: Country = {
  code: 'NL',
  iso3: 'NLD',
  name: 'Netherlands',
  nativeName: 'Nederland',
  region: 'Europe',
  subregion: 'Western Europe',
  currency: 'EUR',
  currencyName: 'Euro',
  phoneCode: '31',
  capital: 'Amsterdam',
  continent: EU,
  rir: 'RIPE',
  carrier: { name: 'KPN', mcc: '204', mnc: '08' },
};
const PL: Country = {
  code: 'PL',
  iso3: 'POL',
  name: 'Poland',
  nativeName: 'Polska',
  region: 'Europe',
  subregion: 'Eastern Europe',
  currency: 'PLN',
  currencyName: 'Polish złoty',
  phoneCode: '48',
  capital: 'Warsaw',
  continent: EU,
  rir: 'RIPE',
  carrier: { name: 'Orange PL', mcc: '260', mnc: '03' },
};
const SE: Country = {
  code: 'SE',
  iso3: 'SWE',
  name: 'Sweden',
  nativeName: 'Sverige',
  region: 'Europe',
  subregion: 'Northern Europe',
  currency: 'SEK',
  currencyName: 'Swedish krona',
  phoneCode: '46',
  capital: 'Stockholm',
  continent: EU,
  rir: 'RIPE',
  carrier: { name: 'Telia', mcc: '240', mnc: '01' },
};
const CZ: Country = {
  code: 'CZ',
  iso3: 'CZE',
  name: 'Czechia',
  nativeName: 'Česko',
  region: 'Europe',
  subregion: 'Central Europe',
  currency: 'CZK',
  currencyName: 'Czech koruna',
  phoneCode: '420',
  capital: 'Prague',
  continent: EU,
  rir: 'RIPE',
  carrier: { name: 'O2 - CZ', mcc: '230', mnc: '02' },
};
const US: Country = {
  code: 'US',
  iso3: 'USA',
  name: 'United States',
  nativeName: 'United States',
  region: 'Americas',
  subregion: 'Northern America',
  currency: 'USD',
  currencyName: 'United States dollar',
  phoneCode: '1',
  capital: 'Washington, D.C.',
  continent: NA,
  rir: 'ARIN',
  carrier: { name: 'Verizon', mcc: '311', mnc: '480' },
};
const CA: Country = {
  code: 'CA',
  iso3: 'CAN',
  name: 'Canada',
  nativeName: 'Canada',
  region: 'Americas',
  subregion: 'Northern America',
  currency: 'CAD',
  currencyName: 'Canadian dollar',
  phoneCode: '1',
  capital: 'Ottawa',
  continent: NA,
  rir: 'ARIN',
  carrier: { name: 'Rogers', mcc: '302', mnc: '720' },
};
const BR: Country = {
  code: 'BR',
  iso3: 'BRA',
  name: 'Brazil',
  nativeName: 'Brasil',
  region: 'Americas',
  subregion: 'South America',
  currency: 'BRL',
  currencyName: 'Brazilian real',
  phoneCode: '55',
  capital: 'Brasília',
  continent: SA,
  rir: 'LACNIC',
  carrier: { name: 'VIVO', mcc: '724', mnc: '06' },
};
const MX: Country = {
  code: 'MX',
  iso3: 'MEX',
  name: 'Mexico',
  nativeName: 'México',
  region: 'Americas',
  subregion: 'Central America',
  currency: 'MXN',
  currencyName: 'Mexican peso',
  phoneCode: '52',
  capital: 'Mexico City',
  continent: NA,
  rir: 'LACNIC',
  carrier: { name: 'TELCEL', mcc: '334', mnc: '020' },
};
const JP: Country = {
  code: 'JP',
  iso3: 'JPN',
  name: 'Japan',
  nativeName: '日本',
  region: 'Asia',
  subregion: 'Eastern Asia',
  currency: 'JPY',
  currencyName: 'Japanese yen',
  phoneCode: '81',
  capital: 'Tokyo',
  continent: AS,
  rir: 'APNIC',
  carrier: { name: 'NTT DOCOMO', mcc: '440', mnc: '10' },
};
const SG: Country = {
  code: 'SG',
  iso3: 'SGP',
  name: 'Singapore',
  nativeName: 'Singapore',
  region: 'Asia',
  subregion: 'South-Eastern Asia',
  currency: 'SGD',
  currencyName: 'Singapore dollar',
  phoneCode: '65',
  capital: 'Singapore',
  continent: AS,
  rir: 'APNIC',
  carrier: { name: 'Singtel', mcc: '525', mnc: '01' },
};
const IN: Country = {
  code: 'IN',
  iso3: 'IND',
  name: 'India',
  nativeName: 'भारत',
  region: 'Asia',
  subregion: 'Southern Asia',
  currency: 'INR',
  currencyName: 'Indian rupee',
  phoneCode: '91',
  capital: 'New Delhi',
  continent: AS,
  rir: 'APNIC',
  carrier: { name: 'Jio', mcc: '405', mnc: '857' },
};
const AU: Country = {
  code: 'AU',
  iso3: 'AUS',
  name: 'Australia',
  nativeName: 'Australia',
  region: 'Oceania',
  subregion: 'Australia and New Zealand',
  currency: 'AUD',
  currencyName: 'Australian dollar',
  phoneCode: '61',
  capital: 'Canberra',
  continent: OC,
  rir: 'APNIC',
  carrier: { name: 'Telstra', mcc: '505', mnc: '01' },
};
const CN: Country = {
  code: 'CN',
  iso3: 'CHN',
  name: 'China',
  nativeName: '中国',
  region: 'Asia',
  subregion: 'Eastern Asia',
  currency: 'CNY',
  currencyName: 'Renminbi',
  phoneCode: '86',
  capital: 'Beijing',
  continent: AS,
  rir: 'APNIC',
  carrier: { name: 'China Unicom', mcc: '460', mnc: '01' },
};
const AE: Country = {
  code: 'AE',
  iso3: 'ARE',
  name: 'United Arab Emirates',
  nativeName: 'دولة الإمارات العربية المتحدة',
  region: 'Asia',
  subregion: 'Western Asia',
  currency: 'AED',
  currencyName: 'UAE dirham',
  phoneCode: '971',
  capital: 'Abu Dhabi',
  continent: AS,
  rir: 'RIPE',
  carrier: { name: 'Etisalat', mcc: '424', mnc: '02' },
};
const ZA: Country = {
  code: 'ZA',
  iso3: 'ZAF',
  name: 'South Africa',
  nativeName: 'South Africa',
  region: 'Africa',
  subregion: 'Southern Africa',
  currency: 'ZAR',
  currencyName: 'South African rand',
  phoneCode: '27',
  capital: 'Pretoria',
  continent: AF,
  rir: 'AFRINIC',
  carrier: { name: 'Vodacom', mcc: '655', mnc: '01' },
};

const DTAG: Network = {
  asn: 3320,
  handle: 'DTAG',
  org: 'Deutsche Telekom AG',
  domain: 'telekom.de',
  type: 'isp',
  ipv4: '91.0.0.0/10',
  ipv6: '2003:e4',
};
const VODAFONE_DE: Network = {
  asn: 3209,
  handle: 'VODANET',
  org: 'Vodafone GmbH',
  domain: 'vodafone.de',
  type: 'isp',
  ipv4: '188.96.0.0/12',
  ipv6: '2a02:8108',
};
const TELEFONICA_DE: Network = {
  asn: 6805,
  handle: 'TDDE-ASN1',
  org: 'Telefonica Germany GmbH & Co.OHG',
  domain: 'telefonica.de',
  type: 'mobile',
  ipv4: '89.204.128.0/17',
  ipv6: '2a02:3100',
};
const ORANGE_FR: Network = {
  asn: 3215,
  handle: 'France Telecom - Orange',
  org: 'Orange S.A.',
  domain: 'orange.fr',
  type: 'isp',
  ipv4: '90.0.0.0/9',
  ipv6: '2a01:cb00',
};
const FREE: Network = {
  asn: 12322,
  handle: 'PROXAD',
  org: 'Free SAS',
  domain: 'free.fr',
  type: 'isp',
  ipv4: '82.64.0.0/10',
  ipv6: '2a01:e0a',
};
const BT: Network = {
  asn: 2856,
  handle: 'BT-UK-AS',
  org: 'British Telecommunications PLC',
  domain: 'bt.com',
  type: 'isp',
  ipv4: '81.128.0.0/12',
  ipv6: '2a00:23c6',
};
const VIRGIN: Network = {
  asn: 5089,
  handle: 'NTL',
  org: 'Virgin Media Limited',
  domain: 'virginmedia.com',
  type: 'isp',
  ipv4: '86.0.0.0/11',
  ipv6: '2a02:c7c',
};
const TELEFONICA_ES: Network = {
  asn: 3352,
  handle: 'TELEFONICA_DE_ESPANA',
  org: 'Telefonica de Espana S.A.U.',
  domain: 'telefonica.es',
  type: 'isp',
  ipv4: '83.32.0.0/11',
  ipv6: '2a0c:5a80',
};
const ZIGGO: Network = {
  asn: 33915,
  handle: 'TNF-AS',
  org: 'Vodafone Libertel B.V.',
  domain: 'ziggo.nl',
  type: 'isp',
  ipv4: '84.24.0.0/13',
  ipv6: '2001:1c00',
};
const ORANGE_PL: Network = {
  asn: 5617,
  handle: 'TPNET',
  org: 'Orange Polska Spolka Akcyjna',
  domain: 'orange.pl',
  type: 'isp',
  ipv4: '83.0.0.0/11',
};
const TELIA: Network = {
  asn: 3301,
  handle: 'TELIANET-SWEDEN',
  org: 'Telia Company AB',
  domain: 'telia.se',
  type: 'isp',
  ipv4: '78.64.0.0/12',
  ipv6: '2001:2043',
};
const O2_CZ: Network = {
  asn: 5610,
  handle: 'O2-CZECH-REPUBLIC',
  org: 'O2 Czech Republic, a.s.',
  domain: 'o2.cz',
  type: 'isp',
  ipv4: '90.176.0.0/12',
  ipv6: '2a00:1028',
};
const COMCAST: Network = {
  asn: 7922,
  handle: 'COMCAST-7922',
  org: 'Comcast Cable Communications, LLC',
  domain: 'comcast.net',
  type: 'isp',
  ipv4: '73.0.0.0/8',
  ipv6: '2601:1c0',
};
const VERIZON: Network = {
  asn: 701,
  handle: 'UUNET',
  org: 'Verizon Business',
  domain: 'verizon.com',
  type: 'isp',
  ipv4: '100.0.0.0/10',
  ipv6: '2600:4040',
};
const ATT: Network = {
  asn: 7018,
  handle: 'ATT-INTERNET4',
  org: 'AT&T Services, Inc.',
  domain: 'att.com',
  type: 'isp',
  ipv4: '99.0.0.0/10',
  ipv6: '2600:1700',
};
const TMOBILE_US: Network = {
  asn: 21928,
  handle: 'T-MOBILE-AS21928',
  org: 'T-Mobile USA, Inc.',
  domain: 't-mobile.com',
  type: 'mobile',
  ipv4: '172.56.0.0/14',
  ipv6: '2607:fb90',
};
const ROGERS: Network = {
  asn: 812,
  handle: 'ROGERS-COMMUNICATIONS',
  org: 'Rogers Communications Canada Inc.',
  domain: 'rogers.com',
  type: 'isp',
  ipv4: '99.224.0.0/11',
  ipv6: '2607:fea8',
};
const BELL: Network = {
  asn: 577,
  handle: 'BACOM',
  org: 'Bell Canada',
  domain: 'bell.ca',
  type: 'isp',
  ipv4: '70.24.0.0/13',
};
const VIVO: Network = {
  asn: 26599,
  handle: 'TELEFONICA BRASIL S.A',
  org: 'Telefonica Brasil S.A.',
  domain: 'vivo.com.br',
  type: 'isp',
  ipv4: '177.32.0.0/12',
  ipv6: '2804:7f0',
};
const CLARO_BR: Network = {
  asn: 28573,
  handle: 'Claro NXT Telecomunicacoes Ltda',
  org: 'Claro NXT Telecomunicacoes Ltda',
  domain: 'claro.com.br',
  type: 'isp',
  ipv4: '177.0.0.0/13',
  ipv6: '2804:14c',
};
const TELMEX: Network = {
  asn: 8151,
  handle: 'UNINET',
  org: 'UNINET',
  domain: 'telmex.com',
  type: 'isp',
  ipv4: '187.128.0.0/10',
  ipv6: '2806:2f0',
};
const NTT: Network = {
  asn: 4713,
  handle: 'OCN',
  org: 'NTT Communications Corporation',
  domain: 'ocn.ne.jp',
  type: 'isp',
  ipv4: '60.32.0.0/12',
  ipv6: '2400:4050',
};
const KDDI: Network = {
  asn: 2516,
  handle: 'KDDI',
  org: 'KDDI CORPORATION',
  domain: 'kddi.com',
  type: 'mobile',
  ipv4: '106.128.0.0/11',
  ipv6: '2001:268',
};
const SINGNET: Network = {
  asn: 3758,
  handle: 'SINGNET',
  org: 'SingNet Pte Ltd',
  domain: 'singtel.com',
  type: 'isp',
  ipv4: '116.86.0.0/15',
  ipv6: '2406:3003',
};
const STARHUB: Network = {
  asn: 4657,
  handle: 'STARHUB-INTERNET',
  org: 'StarHub Ltd',
  domain: 'starhub.com',
  type: 'mobile',
  ipv4: '182.55.0.0/16',
};
const JIO: Network = {
  asn: 55836,
  handle: 'RELIANCEJIO-IN',
  org: 'Reliance Jio Infocomm Limited',
  domain: 'jio.com',
  type: 'mobile',
  ipv4: '49.32.0.0/11',
  ipv6: '2409:4040',
};
const AIRTEL: Network = {
  asn: 24560,
  handle: 'AIRTELBROADBAND-AS-AP',
  org: 'Bharti Airtel Ltd., Telemedia Services',
  domain: 'airtel.in',
  type: 'isp',
  ipv4: '122.160.0.0/12',
  ipv6: '2401:4900',
};
const TELSTRA: Network = {
  asn: 1221,
  handle: 'ASN-TELSTRA',
  org: 'Telstra Limited',
  domain: 'telstra.com',
  type: 'isp',
  ipv4: '101.160.0.0/11',
  ipv6: '2001:8003',
};
const TPG: Network = {
  asn: 7545,
  handle: 'TPG-INTERNET-AP',
  org: 'TPG Telecom Limited',
  domain: 'tpgtelecom.com.au',
  type: 'isp',
  ipv4: '1.120.0.0/13',
  ipv6: '2403:5800',
};
const CHINANET: Network = {
  asn: 4134,
  handle: 'CHINANET-BACKBONE',
  org: 'China Telecom',
  domain: 'chinatelecom.com.cn',
  type: 'isp',
  ipv4: '115.192.0.0/11',
  ipv6: '240e:390',
};
const UNICOM: Network = {
  asn: 4837,
  handle: 'CHINA169-BACKBONE',
  org: 'CHINA UNICOM China169 Backbone',
  domain: 'chinaunicom.cn',
  type: 'isp',
  ipv4: '60.12.0.0/15',
  ipv6: '2408:8256',
};
const ETISALAT: Network = {
  asn: 5384,
  handle: 'EMIRATES-INTERNET',
  org: 'Emirates Telecommunications Group Company (Etisalat Group) PJSC',
  domain: 'etisalat.ae',
  type: 'isp',
  ipv4: '94.200.0.0/13',
  ipv6: '2001:8f8',
};
const VODACOM: Network = {
  asn: 29975,
  handle: 'VODACOM-',
  org: 'Vodacom Pty Ltd',
  domain: 'vodacom.co.za',
  type: 'mobile',
  ipv4: '41.0.0.0/11',
};

const BERLIN: Place = {
  city: 'Berlin',
  subdivision: { code: 'BE', name: 'Land Berlin' },
  postalCode: '10115',
  latitude: 52.52,
  longitude: 13.405,
  timezone: 'Europe/Berlin',
  utcOffset: '+01:00',
  country: DE,
  language: 'de-DE',
  isps: [DTAG, VODAFONE_DE, TELEFONICA_DE],
};
const MUNICH: Place = {
  city: 'Munich',
  subdivision: { code: 'BY', name: 'Bavaria' },
  postalCode: '80331',
  latitude: 48.1351,
  longitude: 11.582,
  timezone: 'Europe/Berlin',
  utcOffset: '+01:00',
  country: DE,
  language: 'de-DE',
  isps: [DTAG, VODAFONE_DE, TELEFONICA_DE],
};
const FRANKFURT: Place = {
  city: 'Frankfurt am Main',
  subdivision: { code: 'HE', name: 'Hesse' },
  postalCode: '60311',
  latitude: 50.1109,
  longitude: 8.6821,
  timezone: 'Europe/Berlin',
  utcOffset: '+01:00',
  country: DE,
  language: 'de-DE',
  isps: [DTAG, VODAFONE_DE],
};
/** Home of the showcase visitor of the Fingerprint simulator. */
export const DUSSELDORF: Place = {
  city: 'Düsseldorf',
  subdivision: { code: 'NW', name: 'North Rhine-Westphalia' },
  postalCode: '40213',
  latitude: 51.2277,
  longitude: 6.7735,
  timezone: 'Europe/Berlin',
  utcOffset: '+01:00',
  country: DE,
  language: 'de-DE',
  isps: [DTAG, VODAFONE_DE, TELEFONICA_DE],
};
const PARIS: Place = {
  city: 'Paris',
  subdivision: { code: 'IDF', name: 'Île-de-France' },
  postalCode: '75001',
  latitude: 48.8566,
  longitude: 2.3522,
  timezone: 'Europe/Paris',
  utcOffset: '+01:00',
  country: FR,
  language: 'fr-FR',
  isps: [ORANGE_FR, FREE],
};
const LONDON: Place = {
  city: 'London',
  subdivision: { code: 'ENG', name: 'England' },
  postalCode: 'EC1A 1BB',
  latitude: 51.5074,
  longitude: -0.1278,
  timezone: 'Europe/London',
  utcOffset: '+00:00',
  country: GB,
  language: 'en-GB',
  isps: [BT, VIRGIN],
};
const MADRID: Place = {
  city: 'Madrid',
  subdivision: { code: 'MD', name: 'Madrid' },
  postalCode: '28001',
  latitude: 40.4168,
  longitude: -3.7038,
  timezone: 'Europe/Madrid',
  utcOffset: '+01:00',
  country: ES,
  language: 'es-ES',
  isps: [TELEFONICA_ES],
};
const AMSTERDAM: Place = {
  city: 'Amsterdam',
  subdivision: { code: 'NH', name: 'North Holland' },
  postalCode: '1012 AB',
  latitude: 52.3676,
  longitude: 4.9041,
  timezone: 'Europe/Amsterdam',
  utcOffset: '+01:00',
  country: NL,
  language: 'nl-NL',
  isps: [ZIGGO],
};
const WARSAW: Place = {
  city: 'Warsaw',
  subdivision: { code: '14', name: 'Mazovia' },
  postalCode: '00-001',
  latitude: 52.2297,
  longitude: 21.0122,
  timezone: 'Europe/Warsaw',
  utcOffset: '+01:00',
  country: PL,
  language: 'pl-PL',
  isps: [ORANGE_PL],
};
const STOCKHOLM: Place = {
  city: 'Stockholm',
  subdivision: { code: 'AB', name: 'Stockholm County' },
  postalCode: '111 20',
  latitude: 59.3293,
  longitude: 18.0686,
  timezone: 'Europe/Stockholm',
  utcOffset: '+01:00',
  country: SE,
  language: 'sv-SE',
  isps: [TELIA],
};
const PRAGUE: Place = {
  city: 'Prague',
  subdivision: { code: '10', name: 'Hlavní město Praha' },
  postalCode: '110 00',
  latitude: 50.0755,
  longitude: 14.4378,
  timezone: 'Europe/Prague',
  utcOffset: '+01:00',
  country: CZ,
  language: 'cs-CZ',
  isps: [O2_CZ],
};
const NEW_YORK: Place = {
  city: 'New York',
  subdivision: { code: 'NY', name: 'New York' },
  postalCode: '10001',
  latitude: 40.7128,
  longitude: -74.006,
  timezone: 'America/New_York',
  utcOffset: '-05:00',
  country: US,
  language: 'en-US',
  isps: [VERIZON, COMCAST, TMOBILE_US],
};
const CHICAGO: Place = {
  city: 'Chicago',
  subdivision: { code: 'IL', name: 'Illinois' },
  postalCode: '60601',
  latitude: 41.8781,
  longitude: -87.6298,
  timezone: 'America/Chicago',
  utcOffset: '-06:00',
  country: US,
  language: 'en-US',
  isps: [COMCAST, ATT, TMOBILE_US],
};
const SAN_FRANCISCO: Place = {
  city: 'San Francisco',
  subdivision: { code: 'CA', name: 'California' },
  postalCode: '94103',
  latitude: 37.7749,
  longitude: -122.4194,
  timezone: 'America/Los_Angeles',
  utcOffset: '-08:00',
  country: US,
  language: 'en-US',
  isps: [COMCAST, ATT, TMOBILE_US],
};
const ASHBURN: Place = {
  city: 'Ashburn',
  subdivision: { code: 'VA', name: 'Virginia' },
  postalCode: '20147',
  latitude: 39.0438,
  longitude: -77.4874,
  timezone: 'America/New_York',
  utcOffset: '-05:00',
  country: US,
  language: 'en-US',
  isps: [VERIZON, COMCAST],
};
const TORONTO: Place = {
  city: 'Toronto',
  subdivision: { code: 'ON', name: 'Ontario' },
  postalCode: 'M5H 2N2',
  latitude: 43.6532,
  longitude: -79.3832,
  timezone: 'America/Toronto',
  utcOffset: '-05:00',
  country: CA,
  language: 'en-CA',
  isps: [ROGERS, BELL],
};
const SAO_PAULO: Place = {
  city: 'São Paulo',
  subdivision: { code: 'SP', name: 'São Paulo' },
  postalCode: '01310-100',
  latitude: -23.5505,
  longitude: -46.6333,
  timezone: 'America/Sao_Paulo',
  utcOffset: '-03:00',
  country: BR,
  language: 'pt-BR',
  isps: [VIVO, CLARO_BR],
};
const MEXICO_CITY: Place = {
  city: 'Mexico City',
  subdivision: { code: 'CMX', name: 'Mexico City' },
  postalCode: '06000',
  latitude: 19.4326,
  longitude: -99.1332,
  timezone: 'America/Mexico_City',
  utcOffset: '-06:00',
  country: MX,
  language: 'es-MX',
  isps: [TELMEX],
};
const TOKYO: Place = {
  city: 'Tokyo',
  subdivision: { code: '13', name: 'Tokyo' },
  postalCode: '100-0001',
  latitude: 35.6762,
  longitude: 139.6503,
  timezone: 'Asia/Tokyo',
  utcOffset: '+09:00',
  country: JP,
  language: 'ja-JP',
  isps: [NTT, KDDI],
};
const SINGAPORE: Place = {
  city: 'Singapore',
  subdivision: { code: '01', name: 'Central Singapore' },
  postalCode: '018956',
  latitude: 1.3521,
  longitude: 103.8198,
  timezone: 'Asia/Singapore',
  utcOffset: '+08:00',
  country: SG,
  language: 'en-SG',
  isps: [SINGNET, STARHUB],
};
const MUMBAI: Place = {
  city: 'Mumbai',
  subdivision: { code: 'MH', name: 'Maharashtra' },
  postalCode: '400001',
  latitude: 19.076,
  longitude: 72.8777,
  timezone: 'Asia/Kolkata',
  utcOffset: '+05:30',
  country: IN,
  language: 'en-IN',
  isps: [AIRTEL, JIO],
};
const SYDNEY: Place = {
  city: 'Sydney',
  subdivision: { code: 'NSW', name: 'New South Wales' },
  postalCode: '2000',
  latitude: -33.8688,
  longitude: 151.2093,
  timezone: 'Australia/Sydney',
  utcOffset: '+10:00',
  country: AU,
  language: 'en-AU',
  isps: [TELSTRA, TPG],
};
const HANGZHOU: Place = {
  city: 'Hangzhou',
  subdivision: { code: 'ZJ', name: 'Zhejiang' },
  postalCode: '310000',
  latitude: 30.2741,
  longitude: 120.1551,
  timezone: 'Asia/Shanghai',
  utcOffset: '+08:00',
  country: CN,
  language: 'zh-CN',
  isps: [CHINANET, UNICOM],
};
const DUBAI: Place = {
  city: 'Dubai',
  subdivision: { code: 'DU', name: 'Dubai' },
  postalCode: '00000',
  latitude: 25.2048,
  longitude: 55.2708,
  timezone: 'Asia/Dubai',
  utcOffset: '+04:00',
  country: AE,
  language: 'ar-AE',
  isps: [ETISALAT],
};
const JOHANNESBURG: Place = {
  city: 'Johannesburg',
  subdivision: { code: 'GP', name: 'Gauteng' },
  postalCode: '2001',
  latitude: -26.2041,
  longitude: 28.0473,
  timezone: 'Africa/Johannesburg',
  utcOffset: '+02:00',
  country: ZA,
  language: 'en-ZA',
  isps: [VODACOM],
};

/** Where devices live, weighted towards the markets a typical customer of these vendors serves. */
export const HOME_PLACES: readonly (readonly [Place, number])[] = [
  [BERLIN, 6],
  [MUNICH, 4],
  [FRANKFURT, 2],
  [DUSSELDORF, 2],
  [PARIS, 6],
  [LONDON, 8],
  [MADRID, 4],
  [AMSTERDAM, 3],
  [WARSAW, 3],
  [STOCKHOLM, 2],
  [PRAGUE, 2],
  [NEW_YORK, 9],
  [CHICAGO, 6],
  [SAN_FRANCISCO, 6],
  [TORONTO, 4],
  [SAO_PAULO, 5],
  [MEXICO_CITY, 4],
  [TOKYO, 5],
  [SINGAPORE, 3],
  [MUMBAI, 5],
  [SYDNEY, 4],
  [HANGZHOU, 3],
  [DUBAI, 2],
  [JOHANNESBURG, 2],
];

/** A network that is not a place's consumer ISP, with where its addresses geolocate. */
export interface LocatedNetwork {
  network: Network;
  place: Place;
}

/** Clouds: where bots and scrapers run. */
export const HOSTING: readonly LocatedNetwork[] = [
  {
    place: ASHBURN,
    network: {
      asn: 16509,
      handle: 'AMAZON-02',
      org: 'Amazon.com, Inc.',
      domain: 'amazon.com',
      type: 'hosting',
      ipv4: '3.208.0.0/12',
      ipv6: '2600:1f18',
    },
  },
  {
    place: NEW_YORK,
    network: {
      asn: 14061,
      handle: 'DIGITALOCEAN-ASN',
      org: 'DigitalOcean, LLC',
      domain: 'digitalocean.com',
      type: 'hosting',
      ipv4: '159.203.0.0/16',
      ipv6: '2604:a880',
    },
  },
  {
    place: CHICAGO,
    network: {
      asn: 396982,
      handle: 'GOOGLE-CLOUD-PLATFORM',
      org: 'Google LLC',
      domain: 'google.com',
      type: 'hosting',
      ipv4: '35.184.0.0/13',
    },
  },
  {
    place: FRANKFURT,
    network: {
      asn: 24940,
      handle: 'HETZNER-AS',
      org: 'Hetzner Online GmbH',
      domain: 'hetzner.com',
      type: 'hosting',
      ipv4: '88.198.0.0/16',
      ipv6: '2a01:4f8',
    },
  },
  {
    place: PARIS,
    network: {
      asn: 16276,
      handle: 'OVH',
      org: 'OVH SAS',
      domain: 'ovhcloud.com',
      type: 'hosting',
      ipv4: '51.68.0.0/16',
      ipv6: '2001:41d0',
    },
  },
  {
    place: SINGAPORE,
    network: {
      asn: 45102,
      handle: 'ALIBABA-CN-NET',
      org: 'Alibaba US Technology Co., Ltd.',
      domain: 'alibabacloud.com',
      type: 'hosting',
      ipv4: '47.74.0.0/15',
    },
  },
];

/** Data-centre networks commercial VPNs exit from. */
export const VPN_EXITS: readonly LocatedNetwork[] = [
  {
    place: LONDON,
    network: {
      asn: 9009,
      handle: 'M247',
      org: 'M247 Europe SRL',
      domain: 'm247.com',
      type: 'hosting',
      ipv4: '185.156.172.0/22',
    },
  },
  {
    place: AMSTERDAM,
    network: {
      asn: 60068,
      handle: 'CDN77',
      org: 'Datacamp Limited',
      domain: 'datacamp.co.uk',
      type: 'hosting',
      ipv4: '185.59.220.0/22',
    },
  },
  {
    place: NEW_YORK,
    network: {
      asn: 147049,
      handle: 'PACKETHUBSA',
      org: 'Packethub S.A.',
      domain: 'packethub.tech',
      type: 'hosting',
      ipv4: '146.70.0.0/16',
    },
  },
  {
    place: SINGAPORE,
    network: {
      asn: 9009,
      handle: 'M247',
      org: 'M247 Europe SRL',
      domain: 'm247.com',
      type: 'hosting',
      ipv4: '89.187.160.0/19',
    },
  },
];

/** Networks of Tor exit relay operators. */
export const TOR_EXITS: readonly LocatedNetwork[] = [
  {
    place: BERLIN,
    network: {
      asn: 60729,
      handle: 'ZWIEBELFREUNDE',
      org: 'Stiftung Erneuerbare Freiheit',
      domain: 'artikel10.org',
      type: 'business',
      ipv4: '185.220.100.0/22',
      ipv6: '2a0b:f4c0',
    },
  },
  {
    place: FRANKFURT,
    network: {
      asn: 208323,
      handle: 'APPLIEDPRIVACY-AS',
      org: 'Foundation for Applied Privacy',
      domain: 'applied-privacy.net',
      type: 'business',
      ipv4: '109.70.100.0/24',
    },
  },
];

/** Egress of Apple's iCloud Private Relay: geolocated near the user, owned by a CDN. */
export const RELAY_EGRESS: Network = {
  asn: 13335,
  handle: 'CLOUDFLARENET',
  org: 'Cloudflare, Inc.',
  domain: 'cloudflare.com',
  type: 'hosting',
  ipv4: '104.28.0.0/16',
  ipv6: '2a09:bac1',
};

/** A host address inside `network`, IPv4 or IPv6 (IPv4 when the network has no IPv6). */
export function addressIn(network: Network, version: 4 | 6, rng: Rng): string {
  if (version === 6 && network.ipv6) {
    const groups = Array.from({ length: 6 }, () => rng.int(0, 0xffff).toString(16));
    return `${network.ipv6}:${groups.join(':')}`;
  }
  const [base = '0.0.0.0', bits = '32'] = network.ipv4.split('/');
  const size = 2 ** (32 - Number(bits));
  const start = base.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
  const host = start + rng.int(1, Math.max(1, size - 2));
  return [24, 16, 8, 0].map((shift) => Math.floor(host / 2 ** shift) % 256).join('.');
}

/** The range an address of `network` belongs to, as vendors print it (`asn_network`, `route`). */
export function routeOf(network: Network, address: string): string {
  return address.includes(':') && network.ipv6 ? `${network.ipv6}::/32` : network.ipv4;
}
