import type { Random } from '../stats/random.ts';

/**
 * Word lists and name makers for the synthetic Commonwealth: New-England-sounding towns, rivers and people, put
 * together from parts so that no real Massachusetts school name is reused verbatim (a test checks this against the
 * real directory).
 */

const words = (text: string): string[] => text.split(/\s+/).filter((w) => w.length > 0);
const list = (text: string): string[] =>
  text
    .split(',')
    .map((w) => w.trim())
    .filter((w) => w.length > 0);

const TOWN_HEADS: readonly string[] = words(
  'Ash Alder Bay Beech Birch Black Brad Bram Brook Bur Cald Cedar Chester Clay Cold Corn Crane Dal Dun ' +
    'Elm Ever Fair Fal Fern Fox Glen Gran Gren Hal Hart Hazel Heath Hol Kings Lang Lin Lock Lyn Mar Mead ' +
    'Mel Mill Moss Nor Oak Orch Pem Pine Quarry Rad Red Ren Rock Rose Rye Sand Sax Sel Shaw Sil Stan ' +
    'Stone Sud Tam Thorn Tre Val Wake Wal Wel Wen Whit Wil Win Wood Wren Yar Ayles Bel Brent Carl Cran ' +
    'Dor Gil Hamp Kel Marl Pen Quin Tis Ux Ware Ded Ips Nat Sher Tops Bland Col Hing Ray Sed',
);

const TOWN_TAILS: readonly string[] = words(
  'bury borough ford field ton ham wick port dale mouth ley worth stead more wood mere bridge haven ' +
    'brook hurst combe minster ing den shire by well cote holt thorpe ridge vale land stow',
);

const PREFIXES: readonly string[] = words('North South East West New Great Little Upper Lower Old');

const RIVER_HEADS: readonly string[] = words(
  'Quinna Nashaway Wachu Pocas Mano Chabun Musketa Nipmo Assabo Quabo Pawca Shawmo Natuck Mattapo ' +
    'Neponi Souhe Taconi Scanti Wequa Mishaw Konka Sewa',
);
const RIVER_TAILS: readonly string[] = words('poxet sett nock quam tuck sic moxet nuck paug tuxet');

const GIVEN_NAMES: readonly string[] = words(
  'Abigail Adeline Alma Amos Asa Augusta Bartholomew Bethia Caleb Charity Clara Cyrus Delia Ebenezer ' +
    'Edwin Eliza Elias Emeline Ephraim Ezra Harriet Hiram Hosea Ida Isaiah Jedediah Josiah Lavinia Lemuel ' +
    'Lucinda Lydia Mercy Micah Nathaniel Obadiah Octavia Patience Phineas Prudence Rufus Sabra Silas ' +
    'Sophronia Tabitha Thaddeus Zebulon Zilpha Marisol Rosa Tomas Anh Kwame Imani Luis Mei Rafael Amara ' +
    'Joaquim Priya Desmond Ines Yusuf Nadia Esperanza Darnell Soledad',
);

const FAMILY_NAMES: readonly string[] = words(
  'Ashworth Bancroft Bixby Blanchard Brewster Cabot Caldwell Chadwick Colby Crowninshield Dunster ' +
    'Eldridge Emerson Fairbanks Farnsworth Fenwick Gilman Goodale Hallett Hartwell Hathaway Hollis ' +
    'Hopkinson Kimball Ladd Larcom Lovejoy Merriweather Nourse Oakes Pettengill Pickering Prescott Quimby ' +
    'Rowlandson Saltonstall Sewall Spofford Stickney Thornbury Tolman Upham Varnum Wadsworth Whitcomb ' +
    'Winslow Woodbury Yeaton Alves Baptiste Castellanos Delgado Figueroa Gomes Ibarra Mendonca ' +
    'Nguyen-Hall Okafor Pacheco Quezada Rezendes Santiago Tavares Vasquez-Reed Ward-Osei Lindqvist ' +
    'Moriarty Dunleavy',
);

const THEMES: readonly string[] = list(
  'Harborlight, Lanternworks, Keystone Commons, Northstar Scholars, Tidewater, Cornerstone Community,' +
    'Beacon Hill Prep, Summit Ridge, Open Sky, Granite Path, Riverbend, Compass Point, Pathwright,' +
    'Evergreen Scholars, Lighthouse, New Horizons, Foundry, Bright Meadow, Seaport Science, Mill Town,' +
    'Wayfinder, Crossroads, Clearwater, Sycamore, Pinnacle, Ironworks, Maple Leaf, Ocean State,' +
    'Heritage Commons, Spindle City, Quill and Compass, Arbor, Cityscape, Meridian, Bridgeway, Trailhead',
);

// Real Massachusetts towns and villages (from DESE's directory), never used as synthetic town names.
const REAL_TOWNS: ReadonlySet<string> = new Set(
  (
    'Abington|Acton|Acushnet|Adams|Agawam|Allston|Amesbury|Amherst|Andover|Arlington|Ashburnham|Ashby|' +
    'Ashfield|Ashland|Athol|Attleboro|Auburn|Auburndale|Avon|Ayer|Back Bay|Baldwinville|Barre|Becket|' +
    'Bedford|Belchertown|Bellingham|Belmont|Berkley|Berlin|Berlin-Boylston|Bernardston|Beverly|Billerica|' +
    'Blackstone|Bolton|Boston|Bourne|Bournedale|Boxborough|Boxford|Boylston|Bradford|Braintree|Brewster|' +
    'Bridgewater|Brighton|Brimfield|Brockton|Brookfield|Brookline|Burlington|Byfield|Cambridge|Canton|' +
    'Carlisle|Carver|Centerville|Charlemont|Charlestown|Charlton|Chatham|Chelmsford|Chelsea|Cheshire|' +
    'Chester|Chesterfield|Chestnut Hill|Chicopee|Chilmark|Clarksburg|Clinton|Cohasset|Colrain|Concord|' +
    'Conway|Cuttyhunk|Dalton|Danvers|Dartmouth|Dedham|Devens|Dighton|Dorchester|Douglas|Dover|Dracut|' +
    'Dudley|Dunellen Public Schools|Dunstable|Duxbury|East Boston|East Bridgewater|East Brookfield|' +
    'East Falmouth|East Freetown|East Harwich|East Longmeadow|East Sandwich|East Taunton|East Walpole|' +
    'East Weymouth|Eastham|Easthampton|Edgartown|Erving|Essex|Everett|Fairhaven|Fall River|Falmouth|' +
    'Feeding Hills|Fiskdale|Fitchburg|Florence|Florida|Foxborough|Framingham|Franklin|Gardner|Georgetown|' +
    'Gilbertville|Gill|Gloucester|Grafton|Granby|Granville|Great Barrington|Greenfield|Groton|Groveland|' +
    'Hadley|Halifax|Hamilton|Hampden|Hampden-Wilbraham|Hancock|Hanover|Hanscom Air Force Bs|Hanson|' +
    'Harvard|Harwich|Hatfield|Hathorne|Haverhill|Hingham|Hinsdale|Holbrook|Holden|Holland|Holliston|' +
    'Holyoke|Hopedale|Hopkinton|Hubbardston|Hudson|Hull|Huntington|Hyannis|Hyde Park|Indian Orchard|' +
    'Ipswich|Jamaica Plain|Jefferson|Kingston|Lakeville|Lancaster|Lanesborough|Lawrence|Lee|' +
    'Lee Public Schools|Leeds|Leicester|Lenox|Leominster|Leverett|Lexington|Leyden|Lincoln|Littleton|' +
    'Longmeadow|Lowell|Ludlow|Lunenburg|Lynn|Lynnfield|Malden|Manchester|Mansfield|Marblehead|Marion|' +
    'Marlborough|Marshfield|Marston Mills|Marstons Mills|Masconomet|Mashpee|Mattapan|Mattapoisett|Maynard|' +
    'Maynard Public Schools|Medfield|Medford|Medway|Melrose|Mendon|Merrimac|Methuen|Middleboro|' +
    'Middleborough|Middleton|Milford|Millbury|Millis|Millville|Milton|Mohawk Trail School District|Monson|' +
    'Montague|Nahant|Nantucket|Natick|Needham|New Bedford|New Braintree|New Salem|Newbury|Newburyport|' +
    'Newton|Newton Centre|Newton Corner|Newton Highlands|Newtonville|Norfolk|North Adams|North Andover|' +
    'North Attleborough|North Billerica|North Brookfield|North Chelmsford|North Dartmouth|North Dighton|' +
    'North Eastham|North Easton|North Falmouth|North Grafton|North Reading|North Weymouth|Northampton|' +
    'Northborough|Northfield|Norton|Norwell|Norwood|Oak Bluffs|Oakham|Orange|Orleans|Otis|Oxford|Palmer|' +
    'Paxton|Peabody|Pelham|Pembroke|Pepperell|Petersham|Phillipston|Pittsfield|Plainville|Plymouth|' +
    'Plympton|Princeton|Provincetown|Quincy|Randolph|Raynham|Reading|Rehoboth|Revere|Richmond|Rochester|' +
    'Rockland|Rockport|Roslindale|Rowe|Rowley|Roxbury|Royalston|Russell|Rutland|Salem|Salisbury|Sandwich|' +
    'Saugus|Savoy|Scituate|Seekonk|Sharon|Sheffield|Shelburne Falls|Sherborn|Shirley|Shrewsbury|' +
    'Shutesbury|Somerset|Somerville|South Boston|South Dartmouth|South Deerfield|South Dennis|' +
    'South Easton|South Grafton|South Hadley|South Hamilton|South Weymouth|South Yarmouth|Southampton|' +
    'Southborough|Southbridge|Southwick|Spencer|Springfield|Sterling|Stoneham|Stoughton|Stow|Sturbridge|' +
    'Sudbury|Sunderland|Sutton|Swampscott|Swansea|Taunton|Tewksbury|Topsfield|Townsend|Triton|Truro|' +
    'Turners Falls|Tyngsboro|Tyngsborough|Upton|Uxbridge|Vineyard Haven|Waban|Wakefield|Wales|Walpole|' +
    'Waltham|Ware|Wareham|Warren|Warwick|Watertown|Waupun Area School District|Wayland|Webster|Wellesley|' +
    'Wellfleet|Wenham|West Barnstable|West Boylston|West Bridgewater|West Brookfield|West Dennis|' +
    'West Newbury|West Newton|West Roxbury|West Springfield|West Tisbury|West Warren|West Yarmouth|' +
    'Westborough|Westfield|Westford|Westhampton|Westminster|Weston|Westport|Westwood|Weymouth|Whately|' +
    'Whitinsville|Whitman|Wilbraham|Williamsburg|Williamstown|Wilmington|Winchendon|Winchester|Winthrop|' +
    'Woburn|Worcester|Worthington|Wrentham'
  ).split('|'),
);

/**
 * Names the templates below could produce that are real Massachusetts school or district names (found by
 * test/synth/names.test.ts against DESE's directory): towns whose derived school names are real, and school names.
 */
const AVOIDED_TOWNS: ReadonlySet<string> = new Set(
  'Carlton|East Fairhaven|Elmwood|Glenwood|Hampshire|Linden|Oakdale|Sherwood|Stanley|Walton|Woodland'.split('|'),
);
const AVOIDED_NAMES: readonly string[] = ['Saltonstall School'];

/** Draws distinct names from a generator function, retrying on collision; real school names are never drawn. */
export class NameBook {
  private readonly used = new Set<string>(AVOIDED_NAMES);

  /** Reserves a name so that no later draw returns it. */
  reserve(name: string): void {
    this.used.add(name);
  }

  /** A fresh name from `make`, which is retried until it gives one not used before (suffixed if it never does). */
  unique(make: () => string): string {
    for (let i = 0; i < 200; i++) {
      const name = make();
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
    const base = make();
    for (let n = 2; ; n++) {
      const name = `${base} ${n}`;
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
  }
}

/** A town name such as "Hartbury" or "North Glenmere". */
export function makeTownName(rng: Random): string {
  for (;;) {
    const base = `${rng.pick(TOWN_HEADS)}${rng.pick(TOWN_TAILS)}`;
    const name = rng.next() < 0.12 ? `${rng.pick(PREFIXES)} ${base}` : base;
    if (!REAL_TOWNS.has(name) && !REAL_TOWNS.has(base) && !AVOIDED_TOWNS.has(name) && !AVOIDED_TOWNS.has(base)) {
      return name;
    }
  }
}

/** A river or valley name such as "Quinnapoxet". */
export function makeRiverName(rng: Random): string {
  return `${rng.pick(RIVER_HEADS)}${rng.pick(RIVER_TAILS)}`;
}

/** A person's name for a school, such as "Eliza Hartwell". */
export function makePersonName(rng: Random): string {
  return `${rng.pick(GIVEN_NAMES)} ${rng.pick(FAMILY_NAMES)}`;
}

/** A surname alone, as schools are often named ("Kimball"). */
export function makeSurname(rng: Random): string {
  return rng.pick(FAMILY_NAMES);
}

/** A charter school's theme name, such as "Harborlight". */
export function makeCharterTheme(rng: Random): string {
  return rng.pick(THEMES);
}
